package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LogWriterTest {
  @Test
  void everyLineIsWrittenInOrderPerWriterByClose() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LogWriter log = new LogWriter(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    int writers = 8;
    int each = LogWriter.CAPACITY / 4; // together more than the queue holds: accept must block
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < writers; w++) {
        int id = w;
        pool.submit(
            () -> {
              for (int i = 0; i < each; i++) {
                log.accept(id + " " + i);
              }
            });
      }
    }
    log.close();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(writers * each, lines.length);
    List<Integer> next = new ArrayList<>(java.util.Collections.nCopies(writers, 0));
    for (String line : lines) {
      String[] parts = line.split(" ");
      int w = Integer.parseInt(parts[0]);
      assertEquals(next.get(w), Integer.parseInt(parts[1]), "order of writer " + w);
      next.set(w, next.get(w) + 1);
    }
  }
}
