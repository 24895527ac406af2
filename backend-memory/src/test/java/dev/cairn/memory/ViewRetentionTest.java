package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CompactedException;
import dev.cairn.ErrorCode;
import dev.cairn.ListOptions;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.tck.Task;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A view on a store whose retention is too short for it: it runs again, then says why and what to do. */
class ViewRetentionTest {

  /** With two revisions of history, a view overtaken by three commits before its next page fails clearly. */
  @Test
  void viewUnderATinyRetentionReportsTheCompaction() {
    StoreOptions options = StoreOptions.defaults().withRetries(4, Duration.ZERO, Duration.ZERO);
    try (Store store = Cairn.open("memory:?retention=2", options)) {
      store.batch(batch -> {
        for (int i = 0; i < 50; i++) {
          String id = "r" + (100 + i);
          batch.update(tx -> tx.create(Task.PLAIN, id, "v0"));
        }
      });
      AtomicInteger runs = new AtomicInteger();
      long[] viewRevision = new long[1];
      CompactedException e = assertThrows(CompactedException.class, () -> store.view(tx -> {
        runs.incrementAndGet();
        tx.list(Task.PLAIN, ListOptions.all().limit(10));
        viewRevision[0] = tx.readRevision();
        for (int n = 0; n < 3; n++) {
          store.update(w -> w.put(Task.PLAIN, "r149", "moved"));
        }
        return tx.listAll(Task.PLAIN);
      }));
      assertEquals(4, runs.get(), "ran on each attempt");
      assertEquals(ErrorCode.COMPACTED, e.code());
      assertTrue(e.getMessage().contains("no longer holds revision " + (viewRevision[0] + 1)), e.getMessage());
      assertTrue(e.getMessage().contains("retention"), e.getMessage());
    }
  }

  /** With enough history for what the writes replaced, the same view runs once and sees its revision. */
  @Test
  void viewWithEnoughHistoryRunsOnce() {
    try (Store store = Cairn.open("memory:?retention=100", StoreOptions.defaults())) {
      store.update(tx -> tx.create(Task.PLAIN, "r149", "v0"));
      AtomicInteger runs = new AtomicInteger();
      String seen = store.view(tx -> {
        runs.incrementAndGet();
        tx.list(Task.PLAIN, ListOptions.all().limit(10));
        for (int n = 0; n < 3; n++) {
          store.update(w -> w.put(Task.PLAIN, "r149", "moved"));
        }
        return tx.listAll(Task.PLAIN).get(0).value();
      });
      assertEquals(1, runs.get());
      assertEquals("v0", seen);
    }
  }
}
