package dev.cairn.memory;

import static dev.cairn.memory.JournalFixture.awaitTrue;
import static dev.cairn.memory.JournalFixture.createTasks;
import static dev.cairn.memory.JournalFixture.entryOffsets;
import static dev.cairn.memory.JournalFixture.files;
import static dev.cairn.memory.JournalFixture.onlyLog;
import static dev.cairn.memory.JournalFixture.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CairnException;
import dev.cairn.Store;
import dev.cairn.tck.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log is compacted into snapshots as it grows, and what it held still round-trips. */
class CompactionTest {
  @TempDir
  Path dir;

  /** Past the threshold a snapshot appears while the store runs, the old files go, and a reopen has everything. */
  @Test
  void logIsCompactedIntoASnapshot() throws IOException {
    try (Store store = open(dir, "snapshotEvery=10")) {
      createTasks(store, 12);
      awaitTrue("a snapshot is written", () -> !list("snapshot-").isEmpty());
      createTasks(store.withNamespace("other"), 40);
      store.update(tx -> tx.delete(Task.TASKS, "t3"));
    }
    List<Path> snapshots = files(dir, "snapshot-");
    assertEquals(1, snapshots.size(), "superseded snapshots are deleted: " + snapshots);
    Path log = onlyLog(dir);
    assertTrue(entryOffsets(log).size() < 53, "the log holds only what followed the snapshot");
    try (Store store = open(dir, "snapshotEvery=10")) {
      assertEquals(13, store.revision());
      assertEquals(11, store.view(tx -> tx.listAll(Task.TASKS)).size());
      assertTrue(store.view(tx -> tx.get(Task.TASKS, "t3")).isEmpty());
      assertEquals("t7", store.view(tx -> tx.getByName(Task.TASKS, "task-7")).orElseThrow().id());
      Store other = store.withNamespace("other");
      assertEquals(40, other.revision());
      assertEquals(40, other.view(tx -> tx.listAll(Task.TASKS)).size());
    }
  }

  /** Commits from several threads racing the background snapshots all survive a reopen. */
  @Test
  void concurrentCommitsDuringCompactionSurvive() throws Exception {
    int threads = 4;
    int perThread = 60;
    Map<String, Long> versions = new ConcurrentHashMap<>();
    try (Store store = open(dir, "snapshotEvery=25")) {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Thread> workers = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "w" + t + "-";
        Thread worker = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              String id = prefix + (i % 20);
              Task task = Task.named(null).withCounter(i);
              long revision = store.update(tx -> tx.put(Task.TASKS, id, task));
              versions.put(id, revision);
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
      assertEquals((long) threads * perThread, store.revision());
    }
    try (Store store = open(dir, "snapshotEvery=25")) {
      assertEquals((long) threads * perThread, store.revision());
      assertEquals(versions.size(), store.view(tx -> tx.listAll(Task.TASKS)).size());
      versions.forEach((id, revision) -> {
        var entry = store.view(tx -> tx.get(Task.TASKS, id)).orElseThrow();
        assertEquals(revision, entry.modRevision(), id);
        assertEquals(perThread - 20 + Long.parseLong(id.substring(id.indexOf('-') + 1)), entry.value().counter(), id);
      });
    }
  }

  /**
   * A log whose entries the snapshot already holds (a snapshot taken while commits went on) is
   * replayed without applying them twice, and later entries still apply.
   */
  @Test
  void logEntriesAlreadyInTheSnapshotAreSkipped() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 5);
    }
    Path fullLog = Files.copy(onlyLog(dir), dir.resolve("saved.bin"));
    try (Store store = open(dir, "snapshotEvery=3")) {
      assertEquals(5, store.revision()); // the reopen compacted: snapshot at 5, empty log
    }
    Path emptyLog = onlyLog(dir);
    Files.move(fullLog, emptyLog, StandardCopyOption.REPLACE_EXISTING);
    try (Store store = open(dir)) {
      assertEquals(5, store.revision());
      assertEquals(5, store.view(tx -> tx.listAll(Task.TASKS)).size());
      assertEquals(6, store.update(tx -> tx.create(Task.TASKS, "t6", Task.named("six"))));
    }
    try (Store store = open(dir)) {
      assertEquals(6, store.revision());
      assertEquals(6, store.view(tx -> tx.get(Task.TASKS, "t6")).orElseThrow().createRevision());
    }
  }

  /** A log that skips revisions after the snapshot (a lost log) is an error, not a silent gap. */
  @Test
  void missingCommitsAreAnError() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 6);
    }
    Path log = onlyLog(dir);
    List<Long> entries = entryOffsets(log);
    byte[] bytes = Files.readAllBytes(log);
    // drop entries 2 and 3 (revisions 2 and 3): revision 4 then follows revision 1
    byte[] gap = new byte[bytes.length - (int) (entries.get(3) - entries.get(1))];
    System.arraycopy(bytes, 0, gap, 0, entries.get(1).intValue());
    System.arraycopy(bytes, entries.get(3).intValue(), gap, entries.get(1).intValue(), bytes.length - entries.get(3).intValue());
    Files.write(log, gap);
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("jumps from revision 1 to 4"), e.getMessage());
  }

  private List<Path> list(String prefix) {
    try {
      return files(dir, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
