package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CairnException;
import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Datastore emulator, keeping its data on disk, stopped under writers and started again: the
 * commits in flight get no answer, Cairn resolves each by its token, and afterwards every
 * acknowledged commit is there once, none is there by half, and a watch open across the outage
 * has seen every revision once, in order.
 */
class DatastoreRestartTest {
  private static final Schema<String> PLAIN = Schema.of("plain", Codec.utf8());
  private static DatastoreEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    emulator = DatastoreEmulator.startOnDisk(Files.createTempDirectory("cairn-datastore").resolve("data"));
  }

  @AfterAll
  static void stop() throws Exception {
    emulator.close();
  }

  @Test
  void aRestartMidCommitLosesNoAcknowledgedCommitAndTheWatchResumes() throws Exception {
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch someCommitted = new CountDownLatch(20);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    String uri = emulator.uri() + "&timeout=5000";
    try (Store store = Cairn.open(uri, StoreOptions.defaults().withNamespace("restart"));
        Watch watch = store.watch(1, WatchFilter.all())) {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        writers.add(pool.submit(() -> {
          while (running.get()) {
            int n = next.incrementAndGet();
            try {
              store.update(tx -> {
                tx.create(PLAIN, "a" + n, "x");
                tx.create(PLAIN, "b" + n, "x");
              });
              acknowledged.add(n);
              someCommitted.countDown();
            } catch (CairnException e) {
              failures.incrementAndGet(); // no answer while the emulator is down: not acknowledged
            }
          }
          return null;
        }));
      }
      assertTrue(someCommitted.await(60, TimeUnit.SECONDS));
      List<Long> seen = new ArrayList<>(committedRevisions(watch, 20));
      emulator.stop();
      emulator.restart();
      int before = acknowledged.size();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < before + 20) {
        assertTrue(System.nanoTime() < deadline, "commits resumed after the restart");
        TimeUnit.MILLISECONDS.sleep(20); // poll with a deadline
      }
      running.set(false);
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      long revision = store.revision();
      List<String> ids = new ArrayList<>();
      store.view(tx -> tx.listAll(PLAIN)).forEach(e -> ids.add(e.id()));
      for (int n : acknowledged) {
        assertTrue(ids.contains("a" + n) && ids.contains("b" + n), "acknowledged pair " + n + " survived");
      }
      for (String id : ids) {
        String other = (id.charAt(0) == 'a' ? "b" : "a") + id.substring(1);
        assertTrue(ids.contains(other), "pair of " + id + " is whole");
      }
      assertEquals(ids.size() / 2, revision, "one revision per pair: nothing applied twice");
      seen.addAll(committedRevisions(watch, revision));
      List<Long> expected = new ArrayList<>();
      for (long r = 1; r <= revision; r++) {
        expected.add(r);
      }
      assertEquals(expected.subList(0, seen.size()), seen, "the watch saw every revision once, in order");
      assertEquals(revision, seen.size());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Polls the watch until the commit marker of {@code upTo}, returning the committed revisions. */
  private static List<Long> committedRevisions(Watch watch, long upTo) throws InterruptedException {
    List<Long> revisions = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (watch.lastRevision() < upTo) {
      assertTrue(System.nanoTime() < deadline, "the watch reached revision " + watch.lastRevision() + " of " + upTo);
      WatchEvent e = watch.poll(Duration.ofMillis(200));
      if (e instanceof WatchEvent.Committed) {
        revisions.add(e.revision());
      }
    }
    return revisions;
  }
}
