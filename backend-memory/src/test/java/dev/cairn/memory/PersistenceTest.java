package dev.cairn.memory;

import static dev.cairn.memory.JournalFixture.createTasks;
import static dev.cairn.memory.JournalFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Capabilities;
import dev.cairn.CompactedException;
import dev.cairn.Entry;
import dev.cairn.NameConflictException;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.tck.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data written to a journaled memory store survives closing and reopening it. */
class PersistenceTest {
  @TempDir
  Path dir;

  /** Records, their revisions, names and index entries, and the revision counter survive a reopen. */
  @ParameterizedTest(name = "[{index}] parameters ''{0}''")
  @ValueSource(strings = {"", "fsync=true", "snapshotEvery=4"})
  void recordsNamesIndexesAndRevisionSurvive(String parameters) {
    long revision;
    Entry<Task> updated;
    try (Store store = open(dir, parameters)) {
      assertTrue(store.capabilities().has(Capabilities.Feature.PERSISTENT));
      createTasks(store, 10);
      store.update(tx -> tx.update(Task.TASKS, "t2", new Task("Renamed", "n9", List.of("x"), 42)));
      store.update(tx -> tx.put(Task.PLAIN, "p1", "plain value"));
      revision = store.revision();
      updated = store.view(tx -> tx.get(Task.TASKS, "t2")).orElseThrow();
    }
    try (Store store = open(dir, parameters)) {
      assertEquals(revision, store.revision());
      assertEquals(12, revision);
      assertEquals(updated, store.view(tx -> tx.get(Task.TASKS, "t2")).orElseThrow());
      Entry<Task> t5 = store.view(tx -> tx.get(Task.TASKS, "t5")).orElseThrow();
      assertEquals(new Task("Task-5", "n2", List.of("l5", "all"), 5), t5.value());
      assertEquals(5, t5.createRevision());
      assertEquals(5, t5.modRevision());
      assertEquals("plain value", store.view(tx -> tx.get(Task.PLAIN, "p1")).orElseThrow().value());
      assertEquals("t7", store.view(tx -> tx.getByName(Task.TASKS, "TASK-7")).orElseThrow().id());
      assertTrue(store.view(tx -> tx.getByName(Task.TASKS, "Task-2")).isEmpty(), "old name released");
      assertEquals(List.of("t2"), ids(store.view(tx -> tx.find(Task.TASKS, By.exact("node", "n9")))));
      assertEquals(List.of("t1", "t10", "t4", "t7"), ids(store.view(tx -> tx.find(Task.TASKS, By.exact("node", "n1")))));
      assertEquals(List.of("t1", "t10"), ids(store.view(tx -> tx.find(Task.TASKS, By.prefix("label", "l1")))));
      assertEquals(9, store.view(tx -> tx.find(Task.TASKS, By.exact("label", "all"))).size());
      assertThrows(NameConflictException.class,
          () -> store.update(tx -> tx.create(Task.TASKS, "t99", Task.named("task-3"))), "names are still unique");
      long next = store.update(tx -> tx.create(Task.TASKS, "t11", Task.named("Task-11")));
      assertEquals(revision + 1, next, "revisions go on from where they were");
    }
    try (Store store = open(dir, parameters)) {
      assertEquals(revision + 1, store.revision());
      assertEquals(11, store.view(tx -> tx.listAll(Task.TASKS)).size());
    }
  }

  /** A deleted record stays deleted after a reopen, and its name and index keys are free. */
  @Test
  void deletesSurvive() {
    try (Store store = open(dir)) {
      createTasks(store, 3);
      store.update(tx -> tx.delete(Task.TASKS, "t2"));
    }
    try (Store store = open(dir)) {
      assertTrue(store.view(tx -> tx.get(Task.TASKS, "t2")).isEmpty());
      assertEquals(List.of("t1", "t3"), ids(store.view(tx -> tx.listAll(Task.TASKS))));
      assertTrue(store.view(tx -> tx.find(Task.TASKS, By.exact("label", "l2"))).isEmpty());
      store.update(tx -> tx.create(Task.TASKS, "t2b", Task.named("TASK-2")));
      assertEquals(5, store.revision());
    }
  }

  /** Every namespace comes back with its own records and revision; none sees another's. */
  @ParameterizedTest(name = "[{index}] parameters ''{0}''")
  @ValueSource(strings = {"", "snapshotEvery=7"})
  void manyNamespacesSurvive(String parameters) {
    int namespaces = 12;
    try (Store store = open(dir, parameters)) {
      for (int n = 1; n <= namespaces; n++) {
        createTasks(store.withNamespace("ns" + n), n);
      }
    }
    try (Store store = open(dir, parameters)) {
      for (int n = 1; n <= namespaces; n++) {
        Store ns = store.withNamespace("ns" + n);
        assertEquals(n, ns.revision(), "revision of ns" + n);
        List<Entry<Task>> all = ns.view(tx -> tx.listAll(Task.TASKS));
        assertEquals(n, all.size(), "records of ns" + n);
        String last = "t" + n;
        assertEquals("Task-" + n, ns.view(tx -> tx.get(Task.TASKS, last)).orElseThrow().value().name());
      }
      assertEquals(0, store.revision(), "the default namespace was never written");
    }
  }

  /** A committing thread that is interrupted does not break the log for later commits. */
  @Test
  void interruptedCommitterLeavesTheLogUsable() {
    try (Store store = open(dir, "fsync=true")) {
      Thread.currentThread().interrupt();
      try {
        store.update(tx -> tx.create(Task.TASKS, "t1", Task.named("interrupted")));
      } catch (RuntimeException e) {
        // failing this one commit is acceptable; breaking the log is not
      } finally {
        Thread.interrupted();
      }
      store.update(tx -> tx.put(Task.TASKS, "t2", Task.named("after")));
      assertEquals("after", store.view(tx -> tx.get(Task.TASKS, "t2")).orElseThrow().value().name());
    }
    try (Store store = open(dir)) {
      assertEquals("after", store.view(tx -> tx.get(Task.TASKS, "t2")).orElseThrow().value().name());
    }
  }

  /**
   * History kept in the log after the last snapshot is watchable after a reopen; history the
   * snapshot replaced fails as compacted.
   */
  @Test
  void historyAfterReopenStartsAtTheSnapshot() throws Exception {
    try (Store store = open(dir, "snapshotEvery=1000")) {
      createTasks(store, 5);
    }
    try (Store store = open(dir, "snapshotEvery=1000");
        Watch watch = store.watch(1, WatchFilter.all())) {
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), committedRevisions(watch, 5), "the log replays its history");
    }
    try (Store store = open(dir, "snapshotEvery=3")) {
      // the log is over the threshold: this open compacts it into a snapshot at revision 5
      assertEquals(6, store.update(tx -> tx.create(Task.TASKS, "t6", Task.named("six"))));
    }
    assertEquals(1, JournalFixture.files(dir, "snapshot-").size());
    try (Store store = open(dir, "snapshotEvery=1000")) {
      assertThrows(CompactedException.class, () -> store.watch(5, WatchFilter.all()).close());
      try (Watch watch = store.watch(6, WatchFilter.all())) {
        assertEquals(List.of(6L), committedRevisions(watch, 1));
      }
      assertEquals(7, store.update(tx -> tx.create(Task.TASKS, "t7", Task.named("seven"))));
    }
  }

  private static List<Long> committedRevisions(Watch watch, int count) throws InterruptedException {
    List<Long> out = new java.util.ArrayList<>();
    while (out.size() < count) {
      WatchEvent event = watch.poll(Duration.ofSeconds(10));
      if (event == null) {
        throw new AssertionError("no event after " + out);
      }
      if (event instanceof WatchEvent.Committed) {
        out.add(event.revision());
      }
    }
    return out;
  }

  static List<String> ids(List<? extends Entry<?>> entries) {
    return entries.stream().map(Entry::id).collect(Collectors.toList());
  }
}
