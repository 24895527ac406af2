package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.runConcurrently;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cairn.ChangeType;
import dev.cairn.ClosedException;
import dev.cairn.CompactedException;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.InvalidArgumentException;
import dev.cairn.SlowWatcherException;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.ViewAndWatch;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The change feed: order, gaps, atomicity, replay, filters, compaction, slow watchers, resume. */
public interface WatchTck extends TckArea {

  /** One committed transaction as a watch delivered it. */
  record Tx(long revision, List<WatchEvent.Changed> changes) {}

  /** Polls until the commit marker of {@code revision}, failing after 20 s; returns the transactions seen. */
  static List<Tx> until(Watch watch, long revision) throws InterruptedException {
    List<Tx> out = new ArrayList<>();
    List<WatchEvent.Changed> current = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      if (System.nanoTime() > deadline) {
        fail("no commit marker of revision " + revision + " within 20 s; saw " + out.size() + " transactions");
      }
      WatchEvent e = watch.poll(Duration.ofMillis(100));
      if (e instanceof WatchEvent.Changed) {
        WatchEvent.Changed c = (WatchEvent.Changed) e;
        if (!current.isEmpty()) {
          assertEquals(current.get(0).revision(), c.revision(), "changes of one transaction arrive together");
        }
        current.add(c);
      } else if (e instanceof WatchEvent.Committed) {
        WatchEvent.Committed m = (WatchEvent.Committed) e;
        assertEquals(current.size(), m.changes(), "the marker counts its transaction's changes");
        if (!current.isEmpty()) {
          assertEquals(current.get(0).revision(), m.revision(), "the marker follows its changes");
        }
        out.add(new Tx(m.revision(), List.copyOf(current)));
        current.clear();
        if (m.revision() >= revision) {
          return out;
        }
      }
    }
  }

  /** Asserts the transactions' revisions are exactly {@code from..to}. */
  static void assertRevisions(List<Tx> txs, long from, long to) {
    List<Long> expected = new ArrayList<>();
    for (long r = from; r <= to; r++) {
      expected.add(r);
    }
    assertEquals(expected, txs.stream().map(Tx::revision).toList(), "every revision exactly once, in order");
  }

  /** Events arrive strictly ordered by revision, without gaps or duplicates, under concurrent writers. */
  @Test
  default void concurrentWritesArriveOrderedWithoutGaps() throws Exception {
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      runConcurrently(4, thread -> {
        for (int n = 0; n < 125; n++) {
          String id = "w" + thread + "-" + n;
          store().update(tx -> tx.create(Task.PLAIN, id, id));
        }
      });
      List<Tx> txs = until(watch, 500);
      assertRevisions(txs, 1, 500);
      assertEquals(500, txs.stream().map(t -> t.changes().get(0).id()).distinct().count(), "no duplicate");
      assertEquals(500, watch.lastRevision());
    }
  }

  /** All writes of one transaction come together under one revision, then one marker. */
  @Test
  default void transactionsAreAtomicInTheFeed() throws Exception {
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      long revision = store().update(tx -> {
        for (int i = 0; i < 5; i++) {
          tx.create(Task.PLAIN, "k" + i, "v" + i);
        }
      });
      List<Tx> txs = until(watch, revision);
      assertEquals(1, txs.size());
      assertEquals(5, txs.get(0).changes().size());
      for (WatchEvent.Changed c : txs.get(0).changes()) {
        assertEquals(revision, c.revision());
      }
    }
  }

  /** Events carry type, collection, id, value, create revision and the previous version. */
  @Test
  default void eventsCarryTheirFields() throws Exception {
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      long created = store().update(tx -> tx.create(Task.TASKS, "t", Task.on("t", "n1")));
      long updated = store().update(tx -> tx.update(Task.TASKS, "t", Task.on("t", "n2")));
      long deleted = store().update(tx -> tx.delete(Task.TASKS, "t"));
      List<Tx> txs = until(watch, deleted);
      WatchEvent.Changed c = txs.get(0).changes().get(0);
      WatchEvent.Changed u = txs.get(1).changes().get(0);
      WatchEvent.Changed d = txs.get(2).changes().get(0);
      assertEquals(ChangeType.CREATE, c.type());
      assertEquals("tasks", c.collection());
      assertEquals("t", c.id());
      assertEquals(Task.on("t", "n1"), c.value(Task.TASKS));
      assertEquals(created, c.createRevision());
      assertEquals(0, c.prevModRevision());
      assertEquals(ChangeType.UPDATE, u.type());
      assertEquals(Task.on("t", "n2"), u.value(Task.TASKS));
      assertEquals(created, u.createRevision());
      assertEquals(created, u.prevModRevision());
      assertEquals(ChangeType.DELETE, d.type());
      assertNull(d.value(Task.TASKS));
      assertEquals(updated, d.prevModRevision());
      assertEquals(deleted, d.revision());
    }
  }

  /** A watch from an old revision replays history, then live events follow with no gap. */
  @Test
  default void replayThenLiveWithoutGap() throws Exception {
    for (int i = 1; i <= 50; i++) {
      String id = "h" + i;
      store().update(tx -> tx.create(Task.PLAIN, id, id));
    }
    try (Watch watch = store().watch(10, WatchFilter.all())) {
      runConcurrently(2, thread -> {
        if (thread == 0) {
          for (int i = 51; i <= 150; i++) {
            String id = "h" + i;
            store().update(tx -> tx.create(Task.PLAIN, id, id));
          }
        } else {
          assertRevisions(until(watch, 150), 10, 150);
        }
      });
    }
  }

  /** A watch from now sees only later commits. */
  @Test
  default void watchFromNowSeesOnlyLaterCommits() throws Exception {
    store().update(tx -> tx.create(Task.PLAIN, "old", "old"));
    try (Watch watch = store().watch(WatchFilter.all())) {
      long revision = store().update(tx -> tx.create(Task.PLAIN, "new", "new"));
      List<Tx> txs = until(watch, revision);
      assertRevisions(txs, revision, revision);
      assertEquals("new", txs.get(0).changes().get(0).id());
    }
  }

  /** Filters pass changes by collection; transactions with no passing change are not delivered at all. */
  @Test
  default void filterByCollection() throws Exception {
    try (Watch watch = store().watch(1, WatchFilter.collections("tasks"))) {
      store().update(tx -> tx.create(Task.PLAIN, "p", "p"));
      store().update(tx -> {
        tx.create(Task.PLAIN, "p2", "p");
        tx.create(Task.TASKS, "t", Task.named("t"));
      });
      long last = store().update(tx -> tx.create(Task.TASKS, "t2", Task.named("t2")));
      List<Tx> txs = until(watch, last);
      assertEquals(List.of(2L, 3L), txs.stream().map(Tx::revision).toList());
      assertEquals(List.of("t"), txs.get(0).changes().stream().map(WatchEvent.Changed::id).toList());
    }
  }

  /** Filters by id prefix and by change type. */
  @Test
  default void filterByIdPrefixAndType() throws Exception {
    WatchFilter filter = WatchFilter.all().andIdPrefix("a").andTypes(ChangeType.DELETE);
    try (Watch watch = store().watch(1, filter)) {
      store().update(tx -> {
        tx.create(Task.PLAIN, "a1", "x");
        tx.create(Task.PLAIN, "b1", "x");
      });
      store().update(tx -> tx.delete(Task.PLAIN, "b1"));
      long last = store().update(tx -> tx.delete(Task.PLAIN, "a1"));
      List<Tx> txs = until(watch, last);
      assertEquals(1, txs.size());
      assertEquals("a1", txs.get(0).changes().get(0).id());
      assertEquals(ChangeType.DELETE, txs.get(0).changes().get(0).type());
    }
  }

  /** A watch from a future revision starts there. */
  @Test
  default void watchFromFutureRevision() throws Exception {
    try (Watch watch = store().watch(3, WatchFilter.all())) {
      for (int i = 1; i <= 4; i++) {
        String id = "f" + i;
        store().update(tx -> tx.create(Task.PLAIN, id, id));
      }
      assertRevisions(until(watch, 4), 3, 4);
    }
  }

  /** History compacted away fails with Compacted; the first retained revision still works. */
  @Test
  default void compactedHistoryFails() throws Exception {
    for (int i = 1; i <= 10; i++) {
      String id = "c" + i;
      store().update(tx -> tx.create(Task.PLAIN, id, id));
    }
    store().compact(6);
    CompactedException e = assertThrows(CompactedException.class, () -> store().watch(5, WatchFilter.all()));
    assertEquals(ErrorCode.COMPACTED, e.code());
    assertThrows(CompactedException.class, () -> store().watch(1, WatchFilter.all()));
    try (Watch watch = store().watch(7, WatchFilter.all())) {
      assertRevisions(until(watch, 10), 7, 10);
    }
  }

  /** Compaction keeps the records themselves. */
  @Test
  default void compactionKeepsRecords() {
    for (int i = 1; i <= 5; i++) {
      String id = "c" + i;
      store().update(tx -> tx.create(Task.PLAIN, id, id));
    }
    store().compact(store().revision());
    assertEquals(5, store().view(tx -> tx.listAll(Task.PLAIN)).size());
    assertThrows(CompactedException.class, () -> store().watch(store().revision(), WatchFilter.all()));
  }

  /** viewAndWatch loses nothing and repeats nothing while writers keep committing. */
  @Test
  default void viewAndWatchLosesNothing() throws Exception {
    for (int i = 0; i < 5; i++) {
      String id = "n" + i;
      store().update(tx -> tx.create(Task.TASKS, id, Task.named(id)));
    }
    runConcurrently(3, thread -> {
      if (thread < 2) {
        for (int n = 0; n < 100; n++) {
          String id = "n" + ((n + thread) % 5);
          store().update(tx -> {
            Task t = tx.get(Task.TASKS, id).orElseThrow().value();
            tx.update(Task.TASKS, id, t.withCounter(t.counter() + 1));
          });
        }
        return;
      }
      ViewAndWatch<Map<String, Long>> vw = store().viewAndWatch(tx -> counters(tx.listAll(Task.TASKS)),
          WatchFilter.all());
      try (Watch watch = vw.watch()) {
        Map<String, Long> state = new HashMap<>(vw.value());
        long target = 5 + 200;
        if (vw.revision() < target) {
          for (Tx tx : until(watch, target)) {
            assertTrue(tx.revision() > vw.revision(), "nothing at or before the view's revision");
            for (WatchEvent.Changed c : tx.changes()) {
              state.put(c.id(), c.value(Task.TASKS).counter());
            }
          }
        }
        assertEquals(200L, state.values().stream().mapToLong(Long::longValue).sum());
      }
    });
    assertEquals(counters(store().view(tx -> tx.listAll(Task.TASKS))).values().stream()
        .mapToLong(Long::longValue).sum(), 200L);
  }

  /** A watcher that does not keep up fails with SlowWatcher, never blocking writers, after draining its buffer. */
  @Test
  default void slowWatcherFailsWithoutBlockingWriters() throws Exception {
    Store store = tck().open(StoreOptions.defaults().withWatchBufferEvents(16));
    Watch watch = store.watch(WatchFilter.all());
    for (int i = 0; i < 100; i++) {
      String id = "s" + i;
      store.update(tx -> tx.create(Task.PLAIN, id, id));
    }
    assertEquals(100, store.revision(), "writers were not blocked");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!watch.isClosed()) {
      assertTrue(System.nanoTime() < deadline, "the unread watch overflows and fails in time");
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    List<WatchEvent> seen = new ArrayList<>();
    SlowWatcherException failure = null;
    while (failure == null) {
      try {
        WatchEvent event = watch.poll(Duration.ofSeconds(5));
        assertTrue(event != null, "buffered events are delivered before the failure");
        seen.add(event);
      } catch (SlowWatcherException e) {
        failure = e;
      }
    }
    assertEquals(ErrorCode.SLOW_WATCHER, failure.code());
    assertTrue(seen.size() <= 16, "no more than the buffer was delivered: " + seen.size());
    List<Long> markers = seen.stream().filter(e -> e instanceof WatchEvent.Committed).map(WatchEvent::revision).toList();
    List<Long> prefix = new ArrayList<>();
    for (long r = 1; r <= watch.lastRevision(); r++) {
      prefix.add(r);
    }
    assertEquals(prefix, markers, "what was delivered before the failure is gap-free");
    long resumeFrom = watch.lastRevision() + 1;
    try (Watch resumed = store.watch(resumeFrom, WatchFilter.all())) {
      assertRevisions(until(resumed, 100), resumeFrom, 100);
    }
  }

  /** A closed watch resumes from lastRevision + 1 with nothing lost or repeated. */
  @Test
  default void resumeAfterClose() throws Exception {
    long last;
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      for (int i = 1; i <= 10; i++) {
        String id = "r" + i;
        store().update(tx -> tx.create(Task.PLAIN, id, id));
      }
      until(watch, 6);
      last = watch.lastRevision();
      assertEquals(6, last);
    }
    for (int i = 11; i <= 15; i++) {
      String id = "r" + i;
      store().update(tx -> tx.create(Task.PLAIN, id, id));
    }
    try (Watch watch = store().watch(last + 1, WatchFilter.all())) {
      assertRevisions(until(watch, 15), 7, 15);
    }
  }

  /** poll on a closed watch throws Closed. */
  @Test
  default void closedWatchThrows() {
    Watch watch = store().watch(WatchFilter.all());
    watch.close();
    assertTrue(watch.isClosed());
    ClosedException e = assertThrows(ClosedException.class, () -> watch.poll(Duration.ofMillis(10)));
    assertEquals(ErrorCode.CLOSED, e.code());
  }

  /** Closing the store fails its live watches with Closed. */
  @Test
  default void closingTheStoreClosesWatches() throws Exception {
    Store store = tck().open(StoreOptions.defaults());
    Watch watch = store.watch(WatchFilter.all());
    store.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        watch.poll(Duration.ofMillis(100));
      } catch (ClosedException expected) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the watch learns of the close in time");
    }
  }

  /** Many watchers see the same sequence. */
  @Test
  default void manyWatchersSeeTheSameSequence() throws Exception {
    List<Watch> watches = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        watches.add(store().watch(1, WatchFilter.all()));
      }
      for (int i = 1; i <= 30; i++) {
        String id = "m" + i;
        store().update(tx -> tx.create(Task.PLAIN, id, id));
      }
      for (Watch w : watches) {
        assertRevisions(until(w, 30), 1, 30);
      }
    } finally {
      watches.forEach(Watch::close);
    }
  }

  /** A watch of one namespace sees nothing of another. */
  @Test
  default void watchIsPerNamespace() throws Exception {
    Store other = store().withNamespace(store().namespace() + "-other");
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      other.update(tx -> tx.create(Task.PLAIN, "elsewhere", "x"));
      long mine = store().update(tx -> tx.create(Task.PLAIN, "here", "x"));
      List<Tx> txs = until(watch, mine);
      assertEquals(1, txs.size());
      assertEquals("here", txs.get(0).changes().get(0).id());
    }
  }

  /** Decoding an event with another collection's schema is refused. */
  @Test
  default void decodingWithTheWrongSchemaIsRefused() throws Exception {
    try (Watch watch = store().watch(1, WatchFilter.all())) {
      long r = store().update(tx -> tx.create(Task.PLAIN, "p", "p"));
      WatchEvent.Changed c = until(watch, r).get(0).changes().get(0);
      assertThrows(InvalidArgumentException.class, () -> c.value(Task.TASKS));
    }
  }

  /** poll returns null when nothing happens within its timeout. */
  @Test
  default void pollTimesOutWithNull() throws Exception {
    try (Watch watch = store().watch(WatchFilter.all())) {
      assertNull(watch.poll(Duration.ofMillis(50)));
      assertEquals(store().revision(), watch.lastRevision());
    }
  }

  /** Watching from revision 0 is refused. */
  @Test
  default void watchFromZeroIsRefused() {
    assertThrows(InvalidArgumentException.class, () -> store().watch(0, WatchFilter.all()));
  }

  private static Map<String, Long> counters(List<Entry<Task>> entries) {
    Map<String, Long> out = new HashMap<>();
    entries.forEach(e -> out.put(e.id(), e.value().counter()));
    return out;
  }
}
