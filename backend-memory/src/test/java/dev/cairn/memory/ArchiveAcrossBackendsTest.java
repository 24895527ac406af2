package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.ArchiveSource;
import dev.cairn.Cairn;
import dev.cairn.Migration;
import dev.cairn.ProgressListener;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import dev.cairn.TooLargeException;
import dev.cairn.tck.ArchiveTck;
import dev.cairn.tck.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export, import and migration between two kinds of backend: in-memory and journaled. */
class ArchiveAcrossBackendsTest {
  @TempDir
  Path dir;

  /** memory: exports into a journaled store, which exports back into memory:, identical each way and after reopening. */
  @Test
  void roundTripsBetweenMemoryAndJournaled() {
    try (Store memory = Cairn.open("memory:"); Store journaled = Cairn.open("memory:" + dir.resolve("j"));
        Store back = Cairn.open("memory:")) {
      ArchiveTck.fill(memory, 3000, 3000);
      memory.update(tx -> tx.delete(Task.PLAIN, "p7"));
      StoreArchive.importFrom(journaled, ArchiveSource.of(ArchiveTck.exportBytes(memory)), ProgressListener.NONE);
      ArchiveTck.assertSameContents(memory, journaled);
      StoreArchive.importFrom(back, ArchiveSource.of(ArchiveTck.exportBytes(journaled)), ProgressListener.NONE);
      ArchiveTck.assertSameContents(memory, back);
    }
    try (Store memory = Cairn.open("memory:"); Store reopened = Cairn.open("memory:" + dir.resolve("j"))) {
      ArchiveTck.fill(memory, 3000, 3000);
      memory.update(tx -> tx.delete(Task.PLAIN, "p7"));
      ArchiveTck.assertSameContents(memory, reopened);
    }
  }

  /** A live migration from memory: into a journaled store ends identical. */
  @Test
  void migratesMemoryIntoJournaled() throws InterruptedException {
    try (Store memory = Cairn.open("memory:"); Store journaled = Cairn.open("memory:" + dir.resolve("m"))) {
      ArchiveTck.fill(memory, 500, 500);
      long applied = Migration.migrate(memory, journaled, ProgressListener.NONE);
      assertEquals(memory.revision(), applied);
      ArchiveTck.assertSameContents(memory, journaled);
    }
  }

  /** A value over the target's limit is refused, naming the record, before anything is written. */
  @Test
  void valueOverTheTargetsLimitIsRefusedBeforeAnyWrite() {
    try (Store memory = Cairn.open("memory:"); Store small = Cairn.open("memory:?maxValueBytes=64")) {
      ArchiveTck.fill(memory, 0, 100);
      memory.update(tx -> tx.create(Task.PLAIN, "zz-big", "x".repeat(100)));
      TooLargeException e = assertThrows(TooLargeException.class, () -> StoreArchive.importFrom(small,
          ArchiveSource.of(ArchiveTck.exportBytes(memory)), ProgressListener.NONE));
      assertTrue(e.getMessage().contains("plain/zz-big"), e.getMessage());
      assertEquals(List.of(), small.collections());
      assertEquals(0, small.revision());
    }
  }
}
