package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.ListOptions;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.TransactionConflictException;
import dev.cairn.VersionConflictException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Serializable transactions: read-your-writes, rollback, anomalies prevented, compare-and-set, retries. */
public interface TransactionsTck extends TckArea {

  /** Reads inside an update see its own creates, updates and deletes. */
  @Test
  default void readsSeeOwnWrites() {
    store().update(tx -> tx.create(Task.TASKS, "gone", Task.on("gone", "n1")));
    store().update(tx -> {
      tx.create(Task.TASKS, "a", Task.on("alpha", "n1"));
      tx.delete(Task.TASKS, "gone");
      assertEquals("alpha", tx.get(Task.TASKS, "a").orElseThrow().value().name());
      assertTrue(tx.get(Task.TASKS, "gone").isEmpty());
      tx.update(Task.TASKS, "a", Task.on("alpha", "n2"));
      assertEquals("n2", tx.get(Task.TASKS, "a").orElseThrow().value().node());
      assertEquals(List.of("a"), ids(tx.find(Task.TASKS, By.exact("node", "n2"))));
      assertTrue(tx.find(Task.TASKS, By.exact("node", "n1")).isEmpty());
      assertEquals(List.of("a"), ids(tx.list(Task.TASKS, ListOptions.all()).items()));
      assertTrue(tx.getByName(Task.TASKS, "ALPHA").isPresent());
    });
  }

  /** A callback that throws commits nothing, and its exception reaches the caller unchanged. */
  @Test
  default void failedCallbackCommitsNothing() {
    long before = store().revision();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named("one"));
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals(before, store().revision());
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t1")).isEmpty());
  }

  /** Two threads incrementing one counter lose no update. */
  @Test
  default void lostUpdatePrevented() throws Exception {
    store().update(tx -> tx.create(Task.TASKS, "c", Task.named("c")));
    int perThread = 150;
    runConcurrently(2, i -> {
      for (int n = 0; n < perThread; n++) {
        store().update(tx -> {
          Task t = tx.get(Task.TASKS, "c").orElseThrow().value();
          tx.update(Task.TASKS, "c", t.withCounter(t.counter() + 1));
        });
      }
    });
    assertEquals(2 * perThread, store().view(tx -> tx.get(Task.TASKS, "c")).orElseThrow().value().counter());
  }

  /**
   * Write skew: two doctors on call; each transaction reads both and goes off call only if the
   * other is on call. Run together, at least one must see the other's write.
   */
  @Test
  default void writeSkewPrevented() throws Exception {
    for (int round = 0; round < 20; round++) {
      String a = "a" + round;
      String b = "b" + round;
      store().update(tx -> {
        tx.create(Task.TASKS, a, new Task(null, "", List.of(), 1));
        tx.create(Task.TASKS, b, new Task(null, "", List.of(), 1));
      });
      CyclicBarrier bothRead = new CyclicBarrier(2);
      runConcurrently(2, i -> {
        String me = i == 0 ? a : b;
        String other = i == 0 ? b : a;
        AtomicInteger attempt = new AtomicInteger();
        store().update(tx -> {
          long mine = tx.get(Task.TASKS, me).orElseThrow().value().counter();
          long theirs = tx.get(Task.TASKS, other).orElseThrow().value().counter();
          if (attempt.getAndIncrement() == 0) {
            await(bothRead);
          }
          if (mine == 1 && theirs == 1) {
            tx.update(Task.TASKS, me, new Task(null, "", List.of(), 0));
          }
        });
      });
      long onCall = store().view(tx -> tx.get(Task.TASKS, a).orElseThrow().value().counter()
          + tx.get(Task.TASKS, b).orElseThrow().value().counter());
      assertEquals(1, onCall, "round " + round + ": exactly one doctor stays on call");
    }
  }

  /**
   * Phantoms: each transaction counts the records on a node through the index and adds one only
   * if fewer than three are there. Concurrent inserts must never push the count past three.
   */
  @Test
  default void phantomPrevented() throws Exception {
    AtomicInteger ids = new AtomicInteger();
    runConcurrently(4, i -> {
      for (int n = 0; n < 5; n++) {
        store().update(tx -> {
          if (tx.find(Task.TASKS, By.exact("node", "busy")).size() < 3) {
            tx.create(Task.TASKS, "p" + ids.incrementAndGet(), Task.on(null, "busy"));
          }
        });
      }
    });
    assertEquals(3, store().view(tx -> tx.find(Task.TASKS, By.exact("node", "busy"))).size());
  }

  /** The same as {@link #phantomPrevented} with a range listing instead of an index. */
  @Test
  default void phantomPreventedForListings() throws Exception {
    AtomicInteger ids = new AtomicInteger();
    runConcurrently(4, i -> {
      for (int n = 0; n < 5; n++) {
        store().update(tx -> {
          if (tx.list(Task.PLAIN, ListOptions.prefix("slot-")).items().size() < 3) {
            tx.create(Task.PLAIN, "slot-" + ids.incrementAndGet(), "x");
          }
        });
      }
    });
    assertEquals(3, store().view(tx -> tx.listAll(Task.PLAIN)).size());
  }

  /** A view reads one consistent snapshot even while writers move two records together. */
  @Test
  default void viewsSeeConsistentSnapshots() throws Exception {
    store().update(tx -> {
      tx.create(Task.TASKS, "x", Task.named("x"));
      tx.create(Task.TASKS, "y", Task.named("y"));
    });
    CountDownLatch done = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int n = 1; n <= 300; n++) {
          long value = n;
          store().update(tx -> {
            tx.update(Task.TASKS, "x", Task.named("x").withCounter(value));
            tx.update(Task.TASKS, "y", Task.named("y").withCounter(value));
          });
        }
        done.countDown();
      });
      while (done.getCount() > 0) {
        long[] pair = store().view(tx -> new long[] {
            tx.get(Task.TASKS, "x").orElseThrow().value().counter(),
            tx.get(Task.TASKS, "y").orElseThrow().value().counter()});
        assertEquals(pair[0], pair[1], "x and y always move together");
      }
      writes.get(30, TimeUnit.SECONDS);
    } finally {
      writer.shutdownNow();
    }
  }

  /**
   * A view whose store moves on between two of its reads keeps its snapshot without running
   * again: records updated, deleted and created after its first read read as they were, and
   * records written twice since read as the version the view's revision held.
   */
  @Test
  default void viewKeepsItsSnapshotWhenTheStoreMovesOnBetweenReads() {
    store().update(tx -> {
      tx.create(Task.TASKS, "anchor", Task.named("anchor"));
      tx.create(Task.TASKS, "moved", Task.named("moved").withCounter(1));
      tx.create(Task.TASKS, "twice", Task.named("twice").withCounter(1));
      tx.create(Task.TASKS, "gone", Task.named("gone").withCounter(1));
    });
    long before = store().revision();
    AtomicInteger runs = new AtomicInteger();
    List<Object> seen = store().view(tx -> {
      runs.incrementAndGet();
      long anchor = tx.get(Task.TASKS, "anchor").orElseThrow().modRevision();
      if (runs.get() == 1) {
        store().update(w -> {
          w.update(Task.TASKS, "moved", Task.named("moved").withCounter(2));
          w.update(Task.TASKS, "twice", Task.named("twice").withCounter(2));
          w.delete(Task.TASKS, "gone");
          w.create(Task.TASKS, "born", Task.named("born"));
        });
        store().update(w -> w.update(Task.TASKS, "twice", Task.named("twice").withCounter(3)));
      }
      Entry<Task> moved = tx.get(Task.TASKS, "moved").orElseThrow();
      return List.of(anchor, moved.value().counter(), moved.modRevision(), moved.createRevision(),
          tx.get(Task.TASKS, "twice").orElseThrow().value().counter(),
          tx.get(Task.TASKS, "gone").map(e -> e.value().counter()).orElse(-1L),
          tx.get(Task.TASKS, "born").isPresent());
    });
    assertEquals(1, runs.get(), "the view ran once");
    assertEquals(List.of(before, 1L, before, before, 1L, 1L, false), seen,
        "every read answered at the view's revision " + before);
    assertEquals(before + 2, store().revision());
    assertEquals(3L, (long) store().view(tx -> tx.get(Task.TASKS, "twice").orElseThrow().value().counter()));
  }

  /** An explicit compare-and-set with a stale version fails and is not retried. */
  @Test
  default void staleCompareAndSetFailsWithoutRetry() {
    long v1 = store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    store().update(tx -> tx.update(Task.TASKS, "t", Task.named("t").withCounter(1)));
    AtomicInteger calls = new AtomicInteger();
    VersionConflictException e = assertThrows(VersionConflictException.class, () -> store().update(tx -> {
      calls.incrementAndGet();
      tx.update(Task.TASKS, "t", Task.named("t").withCounter(99), v1);
    }));
    assertEquals(ErrorCode.VERSION_CONFLICT, e.code());
    assertEquals(1, calls.get(), "a version conflict is never retried");
    assertEquals(1, store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().value().counter());
  }

  /** Compare-and-set with the current version succeeds and returns the new version. */
  @Test
  default void currentCompareAndSetSucceeds() {
    store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    long version = store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().version();
    long revision = store().update(tx -> tx.update(Task.TASKS, "t", Task.named("t").withCounter(7), version));
    Entry<Task> after = store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow();
    assertEquals(7, after.value().counter());
    assertEquals(revision, after.version());
  }

  /** A compare-and-set whose record changes between the callback and the commit fails at commit, unretried. */
  @Test
  default void compareAndSetCheckedAtCommit() throws Exception {
    store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    long version = store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().version();
    AtomicInteger calls = new AtomicInteger();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertThrows(VersionConflictException.class, () -> store().update(tx -> {
        calls.incrementAndGet();
        tx.update(Task.TASKS, "t", Task.named("t").withCounter(1), version);
        concurrently(other, () -> store().update(o -> o.update(Task.TASKS, "t", Task.named("t").withCounter(2))));
      }));
    } finally {
      other.shutdownNow();
    }
    assertEquals(1, calls.get());
    assertEquals(2, store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().value().counter());
  }

  /** A compare-and-set delete removes the record only at the expected version. */
  @Test
  default void compareAndSetDelete() {
    long created = store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    store().update(tx -> tx.update(Task.TASKS, "t", Task.named("t").withCounter(1)));
    assertThrows(VersionConflictException.class, () -> store().update(tx -> tx.delete(Task.TASKS, "t", created)));
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t")).isPresent());
    long current = store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().version();
    store().update(tx -> tx.delete(Task.TASKS, "t", current));
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t")).isEmpty());
  }

  /** A transaction that conflicts on every attempt ends with TransactionConflictException after exactly its attempts. */
  @Test
  default void retriesExhausted() throws Exception {
    Store store = tck().open(StoreOptions.defaults().withRetries(3, Duration.ZERO, Duration.ZERO));
    store.update(tx -> tx.create(Task.TASKS, "hot", Task.named("hot")));
    AtomicInteger calls = new AtomicInteger();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      TransactionConflictException e = assertThrows(TransactionConflictException.class, () -> store.update(tx -> {
        calls.incrementAndGet();
        Task t = tx.get(Task.TASKS, "hot").orElseThrow().value();
        tx.update(Task.TASKS, "hot", t.withCounter(t.counter() + 100));
        concurrently(other, () -> store.update(o -> {
          Task cur = o.get(Task.TASKS, "hot").orElseThrow().value();
          o.update(Task.TASKS, "hot", cur.withCounter(cur.counter() + 1));
        }));
      }));
      assertEquals(ErrorCode.TRANSACTION_CONFLICT, e.code());
    } finally {
      other.shutdownNow();
    }
    assertEquals(3, calls.get());
    assertEquals(3, store.view(tx -> tx.get(Task.TASKS, "hot")).orElseThrow().value().counter(),
        "only the three interfering increments committed");
  }

  /** A retried callback sees the data committed since its previous attempt, and its result is the committing attempt's. */
  @Test
  default void retriedCallbackSeesFreshData() throws Exception {
    store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    AtomicInteger calls = new AtomicInteger();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      long seen = store().updateAndGet(tx -> {
        Task t = tx.get(Task.TASKS, "t").orElseThrow().value();
        if (calls.incrementAndGet() == 1) {
          concurrently(other, () -> store().update(o -> o.update(Task.TASKS, "t", Task.named("t").withCounter(41))));
        }
        tx.update(Task.TASKS, "t", t.withCounter(t.counter() + 1));
        return t.counter();
      });
      assertEquals(41, seen);
    } finally {
      other.shutdownNow();
    }
    assertEquals(2, calls.get());
    assertEquals(42, store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow().value().counter());
  }

  /** update returns the commit revision, which the written records carry. */
  @Test
  default void updateReturnsCommitRevision() {
    long before = store().revision();
    long revision = store().update(tx -> {
      tx.create(Task.TASKS, "a", Task.named("a"));
      tx.create(Task.PLAIN, "b", "b");
    });
    assertEquals(before + 1, revision);
    assertEquals(revision, store().revision());
    assertEquals(revision, store().view(tx -> tx.get(Task.TASKS, "a")).orElseThrow().modRevision());
    assertEquals(revision, store().view(tx -> tx.get(Task.PLAIN, "b")).orElseThrow().modRevision());
  }

  /** A view never sees the writes of an update that has not committed yet. */
  @Test
  default void uncommittedWritesInvisible() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> update = writer.submit(() -> store().update(tx -> {
        tx.create(Task.TASKS, "pending", Task.named("pending"));
        written.countDown();
        await(checked);
      }));
      assertTrue(written.await(10, TimeUnit.SECONDS));
      assertTrue(store().view(tx -> tx.get(Task.TASKS, "pending")).isEmpty());
      assertTrue(store().view(tx -> tx.getByName(Task.TASKS, "pending")).isEmpty());
      checked.countDown();
      update.get(10, TimeUnit.SECONDS);
    } finally {
      writer.shutdownNow();
    }
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "pending")).isPresent());
  }

  /** A record read as absent and created concurrently makes the reader retry, so both creates cannot win. */
  @Test
  default void absentReadConflictsWithConcurrentCreate() throws Exception {
    AtomicInteger created = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    CyclicBarrier bothRead = new CyclicBarrier(2);
    runConcurrently(2, i -> {
      AtomicInteger attempt = new AtomicInteger();
      store().update(tx -> {
        boolean absent = tx.get(Task.PLAIN, "once").isEmpty();
        if (attempt.getAndIncrement() == 0) {
          await(bothRead);
        }
        if (absent) {
          tx.put(Task.PLAIN, "once", "by-" + i);
        }
      });
      if (attempt.get() == 1) {
        created.incrementAndGet();
      } else {
        skipped.incrementAndGet();
      }
    });
    assertEquals(1, created.get(), "one transaction committed on its first attempt");
    assertEquals(1, skipped.get(), "the other saw the record on retry");
    assertEquals(store().revision(), store().view(tx -> tx.get(Task.PLAIN, "once")).orElseThrow().createRevision());
  }

  /** Runs {@code work} on {@code threads} threads at once and rethrows the first failure. */
  static void runConcurrently(int threads, ThrowingIntConsumer work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          work.accept(index);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code work} on another thread and waits for it: a commit from outside the current transaction. */
  static void concurrently(ExecutorService executor, Runnable work) {
    try {
      executor.submit(work).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("concurrent work failed", e);
    }
  }

  /** Awaits a barrier with a deadline. */
  static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("barrier broken", e);
    }
  }

  /** Awaits a latch with a deadline. */
  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "latch timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The ids of entries, in order. */
  static <T> List<String> ids(List<Entry<T>> entries) {
    return entries.stream().map(Entry::id).toList();
  }

  /** Work of one thread of {@link #runConcurrently}. */
  @FunctionalInterface
  interface ThrowingIntConsumer {
    /** Runs the work of thread {@code index}. */
    void accept(int index) throws Exception;
  }
}
