package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.runConcurrently;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Entry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent transactions keep invariants (the bank test). */
public interface ConcurrencyTck extends TckArea {
  /** Accounts of the bank test. */
  int ACCOUNTS = 10;
  /** The balance every account starts with. */
  long INITIAL = 1_000;

  /**
   * The bank test: 8 threads make thousands of random transfers between accounts while a
   * reader checks, in views, that the total never changes.
   */
  @Test
  default void bankTransfersKeepTheTotal() throws Exception {
    store().update(tx -> {
      for (int i = 0; i < ACCOUNTS; i++) {
        tx.create(Task.TASKS, account(i), new Task(null, "", List.of(), INITIAL));
      }
    });
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger views = new AtomicInteger();
    AtomicInteger writersLeft = new AtomicInteger(8);
    // The writers start once the reader has seen the total once: on a fast store they would
    // otherwise be done before the reader ran at all.
    CountDownLatch readerStarted = new CountDownLatch(1);
    runConcurrently(9, thread -> {
      if (thread == 8) {
        while (writing.get()) {
          assertEquals(ACCOUNTS * INITIAL, (long) store().view(tx -> sum(tx.listAll(Task.TASKS))),
              "a listing view sees the total");
          assertEquals(ACCOUNTS * INITIAL, (long) store().view(tx -> {
            long total = 0;
            for (int i = 0; i < ACCOUNTS; i++) {
              total += tx.get(Task.TASKS, account(i)).orElseThrow().value().counter();
            }
            return total;
          }), "a point-read view sees the total");
          views.incrementAndGet();
          readerStarted.countDown();
        }
        return;
      }
      try {
        assertTrue(readerStarted.await(60, TimeUnit.SECONDS), "the reader saw the total before the transfers");
        for (int n = 0; n < 400; n++) {
          int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
          int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
          long amount = ThreadLocalRandom.current().nextLong(1, 50);
          store().update(tx -> {
            Task a = tx.get(Task.TASKS, account(from)).orElseThrow().value();
            Task b = tx.get(Task.TASKS, account(to)).orElseThrow().value();
            tx.update(Task.TASKS, account(from), a.withCounter(a.counter() - amount));
            tx.update(Task.TASKS, account(to), b.withCounter(b.counter() + amount));
          });
        }
      } finally {
        if (writersLeft.decrementAndGet() == 0) {
          writing.set(false);
        }
      }
    });
    assertEquals(ACCOUNTS * INITIAL, (long) store().view(tx -> sum(tx.listAll(Task.TASKS))));
    assertEquals(1 + 8 * 400, store().revision(), "every transfer committed once, after the setup");
    assertTrue(views.get() > 0, "the reader ran");
  }

  /** Concurrent creates of distinct ids all land, each transaction under its own revision. */
  @Test
  default void concurrentCreatesAllLand() throws Exception {
    Set<Long> revisions = ConcurrentHashMap.newKeySet();
    runConcurrently(8, thread -> {
      for (int n = 0; n < 50; n++) {
        String id = "t" + thread + "-" + n;
        revisions.add(store().update(tx -> tx.create(Task.PLAIN, id, id)));
      }
    });
    assertEquals(400, revisions.size(), "every commit has its own revision");
    assertEquals(400, store().revision());
    List<Entry<String>> all = store().view(tx -> tx.listAll(Task.PLAIN));
    assertEquals(400, all.size());
    for (Entry<String> e : all) {
      assertEquals(e.id(), e.value());
      assertTrue(revisions.contains(e.createRevision()));
    }
  }

  /** Hot counters incremented from many threads end exactly at the number of increments. */
  @Test
  default void hotCountersCountExactly() throws Exception {
    store().update(tx -> {
      tx.create(Task.TASKS, "h0", Task.named("h0"));
      tx.create(Task.TASKS, "h1", Task.named("h1"));
    });
    runConcurrently(8, thread -> {
      for (int n = 0; n < 60; n++) {
        String id = "h" + (n % 2);
        store().update(tx -> {
          Task t = tx.get(Task.TASKS, id).orElseThrow().value();
          tx.update(Task.TASKS, id, t.withCounter(t.counter() + 1));
        });
      }
    });
    assertEquals(240, store().view(tx -> tx.get(Task.TASKS, "h0")).orElseThrow().value().counter());
    assertEquals(240, store().view(tx -> tx.get(Task.TASKS, "h1")).orElseThrow().value().counter());
  }

  /** Revisions are dense: after N commits from many threads, the store's revision is exactly N. */
  @Test
  default void revisionsAreDenseUnderConcurrency() throws Exception {
    runConcurrently(4, thread -> {
      for (int n = 0; n < 50; n++) {
        String id = "r" + thread + "-" + n;
        store().update(tx -> tx.put(Task.PLAIN, id, "v"));
      }
    });
    assertEquals(200, store().revision());
  }

  private static String account(int i) {
    return "acct-" + i;
  }

  private static long sum(List<Entry<Task>> accounts) {
    long total = 0;
    for (Entry<Task> e : accounts) {
      total += e.value().counter();
    }
    return total;
  }
}
