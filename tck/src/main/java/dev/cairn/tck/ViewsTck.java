package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.await;
import static dev.cairn.tck.WatchTck.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.ChangeType;
import dev.cairn.CompactedException;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import dev.cairn.ReadTransaction;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.ViewAndWatch;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.tck.WatchTck.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Views that never starve: a consistent read of any length runs once, at one revision, while
 * writers keep updating, creating and deleting the records it reads; {@code viewAndWatch} then
 * loses nothing; an update that scans under a steady writer commits within a bounded number of
 * attempts; and a view whose history was compacted says so.
 */
public interface ViewsTck extends TckArea {
  /** Records a listing view reads: eleven pages of {@link ListOptions#DEFAULT_LIMIT}. */
  int LISTED = 10_500;
  /** Commits the writers make at most: well within every backend's default history. */
  int MAX_WRITES = 20_000;
  /** Views tried, at most, until three ran while the writers committed. */
  int MAX_VIEWS = 50;
  /**
   * Attempts within which an update commits under one steady writer of this process: it takes the
   * namespace's turn after four conflicts, and the writer's commit in flight then costs one more.
   */
  int MAX_ATTEMPTS_UNDER_A_WRITER = 6;

  /** A view listing eleven pages while two writers commit at full speed runs once and sees its revision exactly. */
  @Test
  default void listingViewHoldsItsRevisionUnderWriters() throws Exception {
    seed(LISTED);
    assertViewsHoldUnderWriters(LISTED, tx -> contents(tx.listAll(Task.PLAIN)));
  }

  /**
   * A view that reads a record, then pages through fifteen pages of a listing while two writers
   * commit, runs once and sees the revision of its first read exactly.
   */
  @Test
  default void pagedViewHoldsItsRevisionUnderWriters() throws Exception {
    seed(1_500);
    assertViewsHoldUnderWriters(1_500, tx -> {
      tx.get(Task.PLAIN, id(0));
      Map<String, String> seen = new HashMap<>();
      ListOptions options = ListOptions.all().limit(100);
      while (true) {
        Page<String> page = tx.list(Task.PLAIN, options);
        page.items().forEach(e -> seen.put(e.id(), e.value()));
        if (page.nextCursor().isEmpty()) {
          return seen;
        }
        options = options.after(page.nextCursor().get());
      }
    });
  }

  /** viewAndWatch of eleven pages under writers: the view and the events after it rebuild the final state exactly. */
  @Test
  default void viewAndWatchUnderWritersLosesNothing() throws Exception {
    seed(LISTED);
    try (SteadyWriters writers = new SteadyWriters(store(), LISTED, 2)) {
      AtomicInteger runs = new AtomicInteger();
      ViewAndWatch<Map<String, String>> vw = store().viewAndWatch(tx -> {
        runs.incrementAndGet();
        return contents(tx.listAll(Task.PLAIN));
      }, WatchFilter.all());
      try (Watch watch = vw.watch()) {
        writers.awaitMoreWrites();
        writers.stop();
        long end = store().revision();
        Map<String, String> state = new HashMap<>(vw.value());
        for (Tx tx : until(watch, end)) {
          assertTrue(tx.revision() > vw.revision(), "nothing at or before the view's revision " + vw.revision());
          apply(tx, state);
        }
        assertEquals(1, runs.get(), "the view ran once");
        assertEquals(contents(store().view(tx -> tx.listAll(Task.PLAIN))), state,
            "the view at " + vw.revision() + " and the events through " + end + " rebuild the final state");
      }
    }
  }

  /** An update that lists a collection while one writer updates it without pause commits within a few attempts. */
  @Test
  default void scanningUpdateUnderASteadyWriterCommits() throws Exception {
    seed(1_500);
    try (SteadyWriters writers = new SteadyWriters(store(), 1_500, 1)) {
      for (int n = 0; n < 3; n++) {
        AtomicInteger attempts = new AtomicInteger();
        String summary = "summary-" + n;
        long committed = store().update(tx -> {
          attempts.incrementAndGet();
          tx.put(Task.TASKS, summary, Task.named(summary).withCounter(tx.listAll(Task.PLAIN).size()));
        });
        assertTrue(attempts.get() <= MAX_ATTEMPTS_UNDER_A_WRITER, "the scanning update took " + attempts.get()
            + " attempts; at most " + MAX_ATTEMPTS_UNDER_A_WRITER + " under one steady writer of this process");
        assertEquals(1_500, store().view(tx -> tx.get(Task.TASKS, summary)).orElseThrow().value().counter(),
            "the update committed at revision " + committed + " listed the whole collection");
        writers.awaitMoreWrites();
      }
    }
  }

  /**
   * A view whose store moves on and compacts the history it needs, on every attempt, fails after
   * its attempts with CompactedException naming the revision it lacked and what to do.
   */
  @Test
  default void viewWithoutHistoryReportsTheCompaction() {
    Store store = tck().open(StoreOptions.defaults().withRetries(3, Duration.ZERO, Duration.ZERO));
    store.update(tx -> {
      tx.put(Task.PLAIN, "a", "a0");
      tx.put(Task.PLAIN, "b", "b0");
    });
    AtomicInteger runs = new AtomicInteger();
    long[] viewRevision = new long[1];
    CompactedException e = assertThrows(CompactedException.class, () -> store.view(tx -> {
      runs.incrementAndGet();
      tx.get(Task.PLAIN, "a");
      viewRevision[0] = tx.readRevision();
      store.compact(store.update(w -> w.put(Task.PLAIN, "b", "b" + runs.get())));
      return tx.listAll(Task.PLAIN);
    }));
    assertEquals(3, runs.get(), "the view ran on each of its attempts");
    assertEquals(ErrorCode.COMPACTED, e.code());
    assertTrue(e.getMessage().contains("revision " + (viewRevision[0] + 1)), "names the revision: " + e.getMessage());
    assertTrue(e.getMessage().contains("retention"), "says what to do: " + e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  /** Runs views under two writers until three ran while the store moved on, and checks each against the feed. */
  private void assertViewsHoldUnderWriters(int records, Function<ReadTransaction, Map<String, String>> read)
      throws Exception {
    long start = store().revision();
    record Seen(long revision, Map<String, String> contents) {}
    List<Seen> seen = new ArrayList<>();
    try (SteadyWriters writers = new SteadyWriters(store(), records, 2)) {
      for (int v = 0; v < MAX_VIEWS && seen.size() < 3 && !writers.done(); v++) {
        AtomicInteger runs = new AtomicInteger();
        long[] at = new long[1];
        Map<String, String> contents = store().view(tx -> {
          runs.incrementAndGet();
          Map<String, String> m = read.apply(tx);
          at[0] = tx.readRevision();
          return m;
        });
        assertEquals(1, runs.get(), "the view ran once while writers committed");
        if (store().revision() > at[0]) {
          seen.add(new Seen(at[0], contents));
        }
      }
    }
    assertTrue(!seen.isEmpty(), "no view ran while the writers committed: the test proved nothing");
    Map<String, String> state = new HashMap<>();
    for (int i = 0; i < records; i++) {
      state.put(id(i), "v0");
    }
    long replayed = start;
    try (Watch watch = store().watch(start + 1, WatchFilter.all())) {
      for (Seen s : seen) {
        if (s.revision > replayed) {
          for (Tx tx : until(watch, s.revision)) {
            apply(tx, state);
          }
          replayed = s.revision;
        }
        assertEquals(state, s.contents, "the view saw the store exactly as of its revision " + s.revision);
      }
    }
  }

  /** Creates {@code records} records valued {@code v0}, in one batch. */
  private void seed(int records) {
    store().batch(batch -> {
      for (int i = 0; i < records; i++) {
        String id = id(i);
        batch.update(tx -> tx.create(Task.PLAIN, id, "v0"));
      }
    });
  }

  /** The id of seeded record {@code i}. */
  static String id(int i) {
    return String.format("r%05d", i);
  }

  private static Map<String, String> contents(List<Entry<String>> entries) {
    Map<String, String> out = new HashMap<>();
    entries.forEach(e -> out.put(e.id(), e.value()));
    return out;
  }

  private static void apply(Tx tx, Map<String, String> state) {
    for (WatchEvent.Changed c : tx.changes()) {
      if (c.collection().equals(Task.PLAIN.collection())) {
        if (c.type() == ChangeType.DELETE) {
          state.remove(c.id());
        } else {
          state.put(c.id(), c.value(Task.PLAIN));
        }
      }
    }
  }
}
