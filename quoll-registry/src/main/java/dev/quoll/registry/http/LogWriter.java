package dev.quoll.registry.http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes request log lines off the request path: {@link #accept} queues a line, one background
 * thread prints whatever is queued as one write (and one flush) per batch.
 *
 * <p>Guarantees: lines appear in the order they were accepted, none is dropped; when more than
 * {@value #CAPACITY} lines are waiting, {@link #accept} blocks until the writer catches up (so
 * memory stays bounded); {@link #close} prints every line accepted before it and stops the thread.
 */
public final class LogWriter implements Consumer<String>, AutoCloseable {
  static final int CAPACITY = 65_536;
  private static final String STOP = new String("stop");
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final PrintStream out;
  private final Thread thread;

  /**
   * Starts the writer thread.
   *
   * @param out where lines go, each followed by a newline (e.g. {@code System.out})
   */
  public LogWriter(PrintStream out) {
    this.out = out;
    this.thread = Thread.ofPlatform().name("quoll-log").daemon().start(this::run);
  }

  /** Queues one line (blocks only while {@value #CAPACITY} lines are waiting). */
  @Override
  public void accept(String line) {
    try {
      queue.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println(line);
    }
  }

  private void run() {
    List<String> batch = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, 4096);
      boolean stop = false;
      for (String line : batch) {
        if (line == STOP) {
          stop = true;
          break;
        }
        text.append(line).append('\n');
      }
      out.print(text);
      out.flush();
      text.setLength(0);
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /** Prints every line accepted so far, then stops the thread (waits at most 5 s). */
  @Override
  public void close() throws InterruptedException {
    queue.put(STOP);
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
