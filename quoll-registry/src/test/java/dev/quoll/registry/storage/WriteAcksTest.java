package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The writer waiting for the other nodes' acknowledgements, on a fake monotonic clock. */
class WriteAcksTest {
  private static final long MS = 1_000_000;
  private final AtomicLong clock = new AtomicLong(5_000 * MS);
  private final WriteAcks acks = new WriteAcks(500, clock::get);

  @Test
  void anAcknowledgementHeardBeforeTheWaitCounts() {
    acks.acknowledged("node-b 12");
    assertEquals(List.of(), acks.await(12, List.of(new WriteAcks.Holder("node-b", 3, 3000)), 0));
  }

  @Test
  void aHolderThatAlreadyRecordedTheChangeIsNotWaitedFor() {
    assertEquals(
        List.of(), acks.await(12, List.of(new WriteAcks.Holder("node-b", 12, 3000)), clock.get()));
  }

  @Test
  void theWriterWaitsForALaggingNodeUntilItAcknowledges() throws Exception {
    long received = clock.get();
    CompletableFuture<List<String>> w =
        CompletableFuture.supplyAsync(
            () -> acks.await(20, List.of(new WriteAcks.Holder("node-b", 19, 3000)), received));
    acks.acknowledged("node-b 19"); // an older change: not enough
    acks.acknowledged("node-c 20"); // another node: not enough
    Thread.sleep(100);
    assertFalse(w.isDone());
    acks.acknowledged("node-b 21");
    assertEquals(List.of(), w.get(5, TimeUnit.SECONDS));
  }

  @Test
  void theWriterGivesUpOnASilentNodeOnlyWhenItsLeaseAndTheMarginHaveRunOut() throws Exception {
    long received = clock.get();
    CompletableFuture<List<String>> w =
        CompletableFuture.supplyAsync(
            () -> acks.await(20, List.of(new WriteAcks.Holder("node-b", 1, 3000)), received));
    clock.set(received + 3499 * MS);
    Thread.sleep(100);
    assertFalse(w.isDone(), "still within remaining lease + margin");
    clock.set(received + 3500 * MS);
    assertEquals(List.of("node-b"), w.get(5, TimeUnit.SECONDS));
  }

  @Test
  void eachHolderIsWaitedForOnItsOwnDeadline() throws Exception {
    long received = clock.get();
    CompletableFuture<List<String>> w =
        CompletableFuture.supplyAsync(
            () ->
                acks.await(
                    8,
                    List.of(new WriteAcks.Holder("b", 1, 1000), new WriteAcks.Holder("c", 1, 3000)),
                    received));
    clock.set(received + 1600 * MS);
    acks.acknowledged("c 8");
    assertEquals(List.of("b"), w.get(5, TimeUnit.SECONDS));
  }

  @Test
  void malformedPayloadsAreIgnored() {
    acks.acknowledged("nonsense");
    acks.acknowledged("b x");
    acks.acknowledged(" 5");
    assertEquals(0, acks.nodesHeard());
    acks.acknowledged("host:1:ab 5");
    assertTrue(acks.nodesHeard() == 1);
  }
}
