package dev.quoll.cli;

import java.io.Console;
import java.io.PrintStream;

/**
 * npm 11's progress spinner ({@code display.js}'s {@code Progress}, the {@code dots} frames, 80 ms
 * each, first drawn after 200 ms) on stderr while a command runs. It is only shown on a terminal
 * ({@link System#console()} present and {@link Console#isTerminal()}), never with {@code --json},
 * {@code --silent} or {@code --no-progress}; {@link #close} erases it.
 */
final class Spinner implements AutoCloseable {
  private static final String[] FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

  private final PrintStream err;
  private final Thread thread;
  private volatile boolean drawn;

  private Spinner(PrintStream err, boolean on) {
    this.err = err;
    this.thread = on ? Thread.ofPlatform().daemon().unstarted(this::spin) : null;
    if (thread != null) {
      thread.start();
    }
  }

  /**
   * Starts a spinner when it may be shown.
   *
   * @param enabled false for {@code --json}, {@code --silent} and {@code --no-progress}
   * @param err stderr
   * @return the spinner (a no-op when not shown)
   */
  static Spinner start(boolean enabled, PrintStream err) {
    Console c = System.console();
    return new Spinner(err, enabled && c != null && c.isTerminal());
  }

  private void spin() {
    try {
      Thread.sleep(200);
      for (int i = 0; ; i = (i + 1) % FRAMES.length) {
        synchronized (err) {
          err.print("\r" + FRAMES[i]);
          err.flush();
          drawn = true;
        }
        Thread.sleep(80);
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  @Override
  public void close() {
    if (thread == null || !thread.isAlive()) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (drawn) {
      synchronized (err) {
        err.print("\r \r");
        err.flush();
      }
    }
  }
}
