package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.AlreadyExistsException;
import dev.cairn.BatchFailedException;
import dev.cairn.BatchResult;
import dev.cairn.ErrorCode;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Batches: many changes split into bounded transactions, each with its commit marker. */
public interface BatchesTck extends TckArea {

  /** 405 creates with the default limits commit as 200, 200 and 5, each with its own commit marker. */
  @Test
  default void defaultLimitsSplit405Into200And200And5() throws Exception {
    int perCommit = tck().capabilities().maxWritesPerCommit();
    org.junit.jupiter.api.Assumptions.assumeTrue(perCommit >= 200,
        "the backend commits at most " + perCommit + " writes at once, below the default batch of 200");
    long before = store().revision();
    try (Watch watch = store().watch(before + 1, WatchFilter.all())) {
      BatchResult result = store().batch(batch -> {
        for (int i = 0; i < 405; i++) {
          String id = String.format("r%03d", i);
          batch.update(tx -> tx.create(Task.PLAIN, id, id));
        }
      });
      assertEquals(3, result.transactions());
      assertEquals(405, result.changes());
      assertEquals(before + 3, result.lastRevision());
      assertEquals(List.of(200, 200, 5), markers(watch, 3));
    }
    assertEquals(405, store().view(tx -> tx.listAll(Task.PLAIN)).size());
  }

  /** The change limit is configurable. */
  @Test
  default void changeLimitIsConfigurable() {
    Store store = tck().open(StoreOptions.defaults().withBatchLimits(10, 1 << 20));
    BatchResult result = store.batch(batch -> {
      for (int i = 0; i < 405; i++) {
        String id = "r" + i;
        batch.update(tx -> tx.create(Task.PLAIN, id, id));
      }
    });
    assertEquals(41, result.transactions());
    assertEquals(405, result.changes());
    assertEquals(41, store.revision());
  }

  /** A transaction of a batch closes once it holds the byte limit. */
  @Test
  default void byteLimitSplits() {
    Store store = tck().open(StoreOptions.defaults().withBatchLimits(1000, 1024));
    String value = "v".repeat(300);
    BatchResult result = store.batch(batch -> {
      for (int i = 0; i < 10; i++) {
        String id = "r" + i;
        batch.update(tx -> tx.create(Task.PLAIN, id, value));
      }
    });
    assertEquals(4, result.transactions(), "3 + 3 + 3 + 1 values of 300 bytes, never over 1024 bytes");
    assertEquals(10, result.changes());
  }

  /**
   * A failure part-way keeps the transactions before it and reports them. A batch transaction
   * holds 200 changes by default, or the backend's writes per commit if fewer.
   */
  @Test
  default void failurePartWayKeepsEarlierTransactions() {
    int perTransaction = Math.min(200, tck().capabilities().maxWritesPerCommit());
    store().update(tx -> tx.create(Task.PLAIN, "r" + (perTransaction + 50), "taken"));
    long before = store().revision();
    BatchFailedException e = assertThrows(BatchFailedException.class, () -> store().batch(batch -> {
      for (int i = 0; i < 2 * perTransaction + 5; i++) {
        String id = "r" + i;
        batch.update(tx -> tx.create(Task.PLAIN, id, id));
      }
    }));
    assertEquals(ErrorCode.BATCH_FAILED, e.code());
    assertInstanceOf(AlreadyExistsException.class, e.getCause());
    assertEquals(1, e.committed().transactions());
    assertEquals(perTransaction, e.committed().changes());
    assertEquals(before + 1, store().revision());
    assertEquals(perTransaction + 1, store().view(tx -> tx.listAll(Task.PLAIN)).size(),
        perTransaction + " committed plus the earlier record");
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "r" + (perTransaction - 1))).isPresent());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "r" + perTransaction)).isEmpty());
  }

  /** An empty batch commits nothing. */
  @Test
  default void emptyBatchCommitsNothing() {
    long before = store().revision();
    BatchResult result = store().batch(batch -> { });
    assertEquals(0, result.transactions());
    assertEquals(0, result.changes());
    assertEquals(before, store().revision());
  }

  /** Units whose transaction conflicts are replayed, losing and duplicating nothing. */
  @Test
  default void conflictingUnitsAreReplayed() {
    store().update(tx -> tx.create(Task.TASKS, "sum", Task.named("sum")));
    ExecutorService other = Executors.newSingleThreadExecutor();
    AtomicInteger firstRuns = new AtomicInteger();
    try {
      BatchResult result = store().batch(batch -> {
        for (int i = 0; i < 50; i++) {
          int n = i;
          batch.update(tx -> {
            Task t = tx.get(Task.TASKS, "sum").orElseThrow().value();
            tx.update(Task.TASKS, "sum", t.withCounter(t.counter() + 1));
            tx.create(Task.PLAIN, "u" + n, "u");
            if (n == 10 && firstRuns.getAndIncrement() == 0) {
              TransactionsTck.concurrently(other, () -> store().update(o -> {
                Task cur = o.get(Task.TASKS, "sum").orElseThrow().value();
                o.update(Task.TASKS, "sum", cur.withCounter(cur.counter() + 1000));
              }));
            }
          });
        }
      });
      assertEquals(51, result.changes(), "50 creates and the counter, once");
    } finally {
      other.shutdownNow();
    }
    assertEquals(1050, store().view(tx -> tx.get(Task.TASKS, "sum")).orElseThrow().value().counter());
    assertEquals(50, store().view(tx -> tx.listAll(Task.PLAIN)).size());
  }

  /** A unit may write several records; units are never split, and never push a transaction past the limit. */
  @Test
  default void unitsAreNeverSplit() throws Exception {
    Store store = tck().open(StoreOptions.defaults().withBatchLimits(5, 1 << 20));
    try (Watch watch = store.watch(1, WatchFilter.all())) {
      BatchResult result = store.batch(batch -> {
        for (int i = 0; i < 4; i++) {
          int n = i;
          batch.update(tx -> {
            for (int k = 0; k < 3; k++) {
              tx.create(Task.PLAIN, "u" + n + "-" + k, "x");
            }
          });
        }
      });
      assertEquals(4, result.transactions());
      assertEquals(List.of(3, 3, 3, 3), markers(watch, 4), "a second unit of three would pass the limit of 5");
    }
  }

  /** Collects the change counts of the next {@code count} commit markers. */
  private static List<Integer> markers(Watch watch, int count) throws InterruptedException {
    List<Integer> sizes = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sizes.size() < count) {
      assertTrue(System.nanoTime() < deadline, "commit markers arrive in time; got " + sizes);
      WatchEvent event = watch.poll(Duration.ofMillis(200));
      if (event instanceof WatchEvent.Committed) {
        sizes.add(((WatchEvent.Committed) event).changes());
      } else if (event != null) {
        assertNotNull(((WatchEvent.Changed) event).id());
      }
    }
    return sizes;
  }
}
