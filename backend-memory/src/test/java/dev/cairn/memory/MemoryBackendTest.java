package dev.cairn.memory;

import static dev.cairn.memory.JournalFixture.awaitTrue;
import static dev.cairn.memory.JournalFixture.createTasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CompactedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.tck.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The memory backend's own settings and behaviour: retention, wedge detection, concurrency, URIs, close. */
class MemoryBackendTest {
  @TempDir
  Path dir;

  /** Opens a backend directly, to reach its package-private test hooks. */
  private static MemoryBackend backend(String uri) {
    return (MemoryBackend) new MemoryBackendProvider().open(new BackendUri(uri, MemoryBackendProvider.SCHEME));
  }

  /** {@code retention=10} keeps exactly the last ten revisions watchable; older ones are compacted. */
  @Test
  void retentionKeepsThatManyRevisions() throws InterruptedException {
    try (Store store = Cairn.open("memory:?retention=10")) {
      createTasks(store, 30);
      assertThrows(CompactedException.class, () -> {
        try (Watch watch = store.watch(20, WatchFilter.all())) {
          watch.poll(Duration.ofSeconds(5));
        }
      });
      try (Watch watch = store.watch(21, WatchFilter.all())) {
        WatchEvent first = watch.poll(Duration.ofSeconds(5));
        assertEquals(21, first.revision());
        assertEquals("t21", ((WatchEvent.Changed) first).id());
      }
    }
  }

  /** A commit lock held past {@code wedgeTimeout} is reported as wedged, and no longer once released. */
  @Test
  void wedgeDetectorReportsALongHeldCommitLock() throws InterruptedException {
    MemoryBackend backend = backend("memory:?wedgeTimeout=50");
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      assertFalse(store.isWedged());
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread holder = new Thread(() -> backend.holdingCommitLock(store.namespace(), () -> {
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      holder.start();
      try {
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        awaitTrue("the store reports itself wedged", store::isWedged);
      } finally {
        release.countDown();
      }
      holder.join(10_000);
      awaitTrue("the store is no longer wedged", () -> !store.isWedged());
      assertEquals(1, store.update(tx -> tx.create(Task.TASKS, "t1", Task.named("after"))));
    }
  }

  /**
   * Many threads committing to one namespace each get a distinct revision, the revisions have
   * no gaps, and a contended counter loses no increment; with a journal, all of it survives.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"memory:, false", "DIR, true"})
  void concurrentCommitsOnOneNamespace(String uri, boolean reopen) throws Exception {
    String target = uri.equals("DIR") ? "memory:" + dir : uri;
    int threads = 8;
    int perThread = 40;
    StoreOptions patient = StoreOptions.defaults().withRetries(10_000, Duration.ofNanos(100_000), Duration.ofMillis(5));
    Set<Long> revisions = new ConcurrentSkipListSet<>();
    try (Store store = Cairn.open(target, patient)) {
      store.update(tx -> tx.create(Task.PLAIN, "counter", "0"));
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String own = "own" + t;
        Thread worker = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              int n = i;
              revisions.add(store.update(tx -> tx.put(Task.TASKS, own, Task.named(own).withCounter(n))));
              revisions.add(store.update(tx -> {
                long value = Long.parseLong(tx.get(Task.PLAIN, "counter").orElseThrow().value());
                tx.update(Task.PLAIN, "counter", Long.toString(value + 1));
              }));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        workers.add(worker);
        worker.start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      assertEquals(List.of(), failures);
      int commits = threads * perThread * 2;
      assertEquals(commits, revisions.size(), "every commit has its own revision");
      assertEquals(2L, (long) ((ConcurrentSkipListSet<Long>) revisions).first());
      assertEquals(commits + 1L, (long) ((ConcurrentSkipListSet<Long>) revisions).last(), "no gaps");
      assertEquals(commits + 1L, store.revision());
      assertCounter(store, threads * perThread);
    }
    if (reopen) {
      try (Store store = Cairn.open(target)) {
        assertEquals(threads * perThread * 2 + 1L, store.revision());
        assertCounter(store, threads * perThread);
        assertEquals(threads, store.view(tx -> tx.listAll(Task.TASKS)).size());
      }
    }
  }

  private static void assertCounter(Store store, long expected) {
    assertEquals(Long.toString(expected), store.view(tx -> tx.get(Task.PLAIN, "counter")).orElseThrow().value());
  }

  /** Every malformed URI parameter is an InvalidArgumentException naming the parameter. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "memory:?bogus=1, bogus",
      "memory:?retention=-5, retention",
      "memory:?retention=ten, retention",
      "memory:?wedgeTimeout=0, wedgeTimeout",
      "memory:?maxValueBytes=-1, maxValueBytes",
      "memory:?fsync=true, fsync",
      "memory:?snapshotEvery=5, snapshotEvery",
      "DIR?fsync=maybe, fsync",
      "DIR?snapshotEvery=0, snapshotEvery",
  })
  void badParametersAreNamed(String uri, String parameter) {
    String target = uri.replace("DIR", "memory:" + dir);
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Cairn.open(target).close());
    assertTrue(e.getMessage().contains("'" + parameter + "'"), e.getMessage());
  }

  /** Closing the backend wakes a thread blocked in awaitRevision, which reports no new revision. */
  @Test
  void closeWakesAwaitRevision() throws InterruptedException {
    Backend backend = backend("memory:");
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        outcome.set(backend.awaitRevision("default", 0, Duration.ofMinutes(10)));
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    waiter.start();
    awaitTrue("the waiter blocks", () -> waiter.getState() == Thread.State.TIMED_WAITING);
    backend.close();
    waiter.join(10_000);
    assertFalse(waiter.isAlive(), "awaitRevision returned after close");
    assertEquals(Boolean.FALSE, outcome.get());
  }
}
