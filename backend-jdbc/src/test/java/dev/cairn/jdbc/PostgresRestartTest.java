package dev.cairn.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.ChangeType;
import dev.cairn.ClosedException;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.UnavailableException;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.jdbc.testing.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A private PostgreSQL server killed (SIGKILL) or stopped under load and started again: no
 * acknowledged write is lost, no transaction is half there, and watches resume with no gap.
 */
class PostgresRestartTest {
  static final Schema<String> PAIRS = Schema.of("pairs", Codec.utf8());
  private static final int WRITERS = 4;
  private static PostgresServer server;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.create();
  }

  @AfterAll
  static void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A short pool timeout, so that commits fail fast while the server is down. */
  private static String uri(String namespace) {
    return server.jdbcUrl() + "&namespace=" + namespace + "&poolTimeout=1000";
  }

  /** An acknowledged commit: the pair it wrote and the revision it was told. */
  record Ack(String pair, long revision) {}

  @Test
  void serverKilledMidTransactionLosesNoAcknowledgedCommitAndHalvesNone() throws Exception {
    List<Ack> acks = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    try (Store store = Cairn.open(uri("crash"))) {
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Thread t = new Thread(() -> {
          for (int k = 0; !stop.get(); k++) {
            String pair = "w" + writer + "-" + k;
            try {
              long revision = store.update(tx -> {
                tx.create(PAIRS, pair + "-a", pair);
                tx.create(PAIRS, pair + "-b", pair);
              });
              acks.add(new Ack(pair, revision));
            } catch (UnavailableException e) {
              failures.incrementAndGet(); // the server is down, or the outcome unknown: fine, never a lie
            } catch (Throwable e) {
              unexpected.add(e);
              return;
            }
          }
        }, "test-writer-" + w);
        t.start();
        writers.add(t);
      }
      PostgresBackendTest.awaitTrue("30 commits before the kill", () -> acks.size() >= 30 || !unexpected.isEmpty());
      server.kill();
      PostgresBackendTest.awaitTrue("every writer to fail", () -> failures.get() >= WRITERS || !unexpected.isEmpty());
      server.start();
      int before = acks.size();
      PostgresBackendTest.awaitTrue("30 commits after the restart",
          () -> acks.size() >= before + 30 || !unexpected.isEmpty());
      stop.set(true);
      for (Thread t : writers) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(t.isAlive(), t.getName() + " did not stop");
      }
      assertEquals(List.of(), new ArrayList<>(unexpected));
    }

    try (Store store = Cairn.open(uri("crash"))) {
      long revision = store.revision();
      Map<String, List<Entry<String>>> pairs = new HashMap<>();
      for (Entry<String> e : store.view(tx -> tx.listAll(PAIRS))) {
        pairs.computeIfAbsent(e.value(), p -> new ArrayList<>()).add(e);
      }
      // each commit wrote one whole pair at its own revision, and the counter counts the commits
      Map<Long, String> pairAt = new HashMap<>();
      pairs.forEach((pair, entries) -> {
        assertEquals(List.of(pair + "-a", pair + "-b"), JdbcSchemaTest.ids(entries), "half a transaction: " + pair);
        assertEquals(entries.get(0).modRevision(), entries.get(1).modRevision(), pair);
        assertEquals(null, pairAt.put(entries.get(0).modRevision(), pair), "two pairs at one revision");
      });
      assertEquals(LongStream.rangeClosed(1, revision).boxed().toList(), pairAt.keySet().stream().sorted().toList());
      for (Ack ack : acks) {
        assertEquals(ack.pair(), pairAt.get(ack.revision()), "acknowledged commit lost or moved: " + ack);
      }
      assertTrue(revision >= acks.size());

      // the change feed holds every committed revision whole: the pair's two creates, nothing else
      try (Watch watch = store.watch(1, WatchFilter.all())) {
        for (long r = 1; r <= revision; r++) {
          String pair = pairAt.get(r);
          for (String id : List.of(pair + "-a", pair + "-b")) {
            WatchEvent.Changed c = assertInstanceOf(WatchEvent.Changed.class, watch.poll(Duration.ofSeconds(10)));
            assertEquals(r, c.revision());
            assertEquals(ChangeType.CREATE, c.type());
            assertEquals(id, c.id());
            assertEquals(pair, c.value(PAIRS));
          }
          assertEquals(new WatchEvent.Committed(r, 2), watch.poll(Duration.ofSeconds(10)));
        }
        assertEquals(null, watch.poll(Duration.ofMillis(50)));
      }
    }
  }

  /** Revisions a consumer saw, resuming a new watch from the last one it saw whenever its watch fails. */
  private static final class ResumingConsumer implements AutoCloseable {
    final List<Long> revisions = new CopyOnWriteArrayList<>();
    final AtomicInteger resumed = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    ResumingConsumer(Store store, long from) {
      thread = new Thread(() -> run(store, from), "test-consumer");
      thread.start();
    }

    private void run(Store store, long from) {
      long next = from;
      while (!closed) {
        try (Watch watch = store.watch(next, WatchFilter.all())) {
          while (!closed) {
            WatchEvent e = watch.poll(Duration.ofMillis(100));
            if (e instanceof WatchEvent.Committed) {
              revisions.add(e.revision());
              next = e.revision() + 1;
            }
          }
        } catch (UnavailableException e) {
          resumed.incrementAndGet(); // what a user does: watch again from the last revision seen + 1
        } catch (ClosedException e) {
          return;
        } catch (InterruptedException e) {
          return;
        } catch (Throwable e) {
          failure.set(e);
          return;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @ParameterizedTest(name = "kill={0}")
  @ValueSource(booleans = {false, true})
  void watchResumesAfterARestartWithEveryRevisionOnceInOrder(boolean kill) throws Exception {
    String namespace = kill ? "resume-kill" : "resume-stop";
    try (Store store = Cairn.open(uri(namespace))) {
      store.update(tx -> tx.put(PAIRS, "before-1", "x"));
      store.update(tx -> tx.put(PAIRS, "before-2", "x"));
      try (ResumingConsumer consumer = new ResumingConsumer(store, 2)) {
        for (int i = 0; i < 3; i++) {
          String id = "up-" + i;
          store.update(tx -> tx.put(PAIRS, id, "x"));
        }
        PostgresBackendTest.awaitTrue("revision 5 delivered", () -> consumer.revisions.contains(5L));
        if (kill) {
          server.kill();
        } else {
          server.stop();
        }
        server.start();
        for (int i = 0; i < 5; i++) {
          String id = "after-" + i;
          commitRetrying(store, tx -> tx.put(PAIRS, id, "x"));
        }
        long last = store.revision();
        PostgresBackendTest.awaitTrue("revision " + last + " delivered",
            () -> consumer.revisions.contains(last) || consumer.failure.get() != null);
        assertEquals(null, consumer.failure.get());
        assertEquals(LongStream.rangeClosed(2, last).boxed().toList(), consumer.revisions);
        assertTrue(last >= 10);
      }
    }
  }

  /** Commits, retrying while the pool reconnects; a retry after an unknown outcome may add a revision. */
  private static void commitRetrying(Store store, java.util.function.Consumer<dev.cairn.Transaction> body)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        store.update(body);
        return;
      } catch (CairnException e) {
        if (!(e instanceof UnavailableException) || System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }
}
