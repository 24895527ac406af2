package dev.cairn.memory;

import static dev.cairn.memory.JournalFixture.createTasks;
import static dev.cairn.memory.JournalFixture.entryOffsets;
import static dev.cairn.memory.JournalFixture.files;
import static dev.cairn.memory.JournalFixture.flip;
import static dev.cairn.memory.JournalFixture.onlyLog;
import static dev.cairn.memory.JournalFixture.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CairnException;
import dev.cairn.ErrorCode;
import dev.cairn.Store;
import dev.cairn.UnavailableException;
import dev.cairn.tck.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash's torn tail is cut off; any other damage, an unknown version or a second opener is an error. */
class JournalDamageTest {
  @TempDir
  Path dir;

  /** A last entry cut short by a crash is dropped with its commit; the rest loads and appends go on cleanly. */
  @Test
  void tornLastEntryIsCutOff() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 5);
    }
    Path log = onlyLog(dir);
    long lastEntry = entryOffsets(log).get(4);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    try (Store store = open(dir)) {
      assertEquals(4, store.revision());
      assertEquals(List.of("t1", "t2", "t3", "t4"), PersistenceTest.ids(store.view(tx -> tx.listAll(Task.TASKS))));
      assertEquals(lastEntry, Files.size(log), "the torn bytes are cut off");
      store.update(tx -> tx.create(Task.TASKS, "t5", Task.named("again")));
    }
    try (Store store = open(dir)) {
      assertEquals(5, store.revision());
      assertEquals("again", store.view(tx -> tx.get(Task.TASKS, "t5")).orElseThrow().value().name());
    }
  }

  /** A tail of zeros (a file extended but never written, as after a power loss) is cut off too. */
  @Test
  void zeroFilledTailIsCutOff() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 3);
    }
    Path log = onlyLog(dir);
    long size = Files.size(log);
    Files.write(log, new byte[4096], StandardOpenOption.APPEND);
    try (Store store = open(dir)) {
      assertEquals(3, store.revision());
      assertEquals(size, Files.size(log));
    }
  }

  /** A flipped bit in an entry before the last is an error naming file and offset; the file is left as it was. */
  @Test
  void damageInTheMiddleOfTheLogIsAnError() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 5);
    }
    Path log = onlyLog(dir);
    long third = entryOffsets(log).get(2);
    flip(log, third + Frames.ENTRY_HEADER_BYTES + 7);
    byte[] damaged = Files.readAllBytes(log);
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertEquals(ErrorCode.INTERNAL, e.code());
    assertTrue(e.getMessage().contains(log.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offset " + third + ": checksum mismatch"), e.getMessage());
    assertArrayEquals(damaged, Files.readAllBytes(log), "nothing was cut off or rewritten");

    flip(log, third + Frames.ENTRY_HEADER_BYTES + 7); // repaired: everything is there, and the lock was freed
    try (Store store = open(dir)) {
      assertEquals(5, store.revision());
      assertEquals(5, store.view(tx -> tx.listAll(Task.TASKS)).size());
    }
  }

  /** A damaged length field in the middle is not mistaken for a torn tail. */
  @Test
  void damagedEntryHeaderIsAnError() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 5);
    }
    Path log = onlyLog(dir);
    long second = entryOffsets(log).get(1);
    flip(log, second); // the top byte of the length: the entry now seems to run past the end of the file
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertEquals(ErrorCode.INTERNAL, e.code());
    assertTrue(e.getMessage().contains("offset " + second + ": entry header checksum mismatch"), e.getMessage());
  }

  /** Wherever a crash cuts the last entry, the open succeeds with exactly the earlier commits. */
  @Test
  void everyCutOfTheLastEntryKeepsTheEarlierCommits() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 3);
    }
    Path log = onlyLog(dir);
    byte[] whole = Files.readAllBytes(log);
    long lastEntry = entryOffsets(log).get(2);
    for (long cut = lastEntry; cut < whole.length; cut += 7) {
      Files.write(log, java.util.Arrays.copyOf(whole, (int) cut));
      try (Store store = open(dir)) {
        assertEquals(2, store.revision(), "cut at " + cut);
      }
      assertEquals(lastEntry, Files.size(log), "cut at " + cut);
    }
  }

  /** Whichever byte of an earlier entry is damaged, header or payload, the open fails: nothing is dropped. */
  @Test
  void everyDamagedByteOfAnEarlierEntryIsAnError() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 3);
    }
    Path log = onlyLog(dir);
    byte[] whole = Files.readAllBytes(log);
    List<Long> entries = entryOffsets(log);
    for (long at = entries.get(1); at < entries.get(2); at++) {
      Files.write(log, whole);
      flip(log, at);
      CairnException e = assertThrows(CairnException.class, () -> open(dir), "flipped byte at " + at);
      assertEquals(ErrorCode.INTERNAL, e.code());
      assertTrue(e.getMessage().contains("offset " + entries.get(1)), e.getMessage());
    }
  }

  /** A log of an unknown format version is refused with a message naming that version. */
  @Test
  void unknownLogVersionIsAnError() throws IOException {
    try (Store store = open(dir)) {
      createTasks(store, 2);
    }
    Path log = onlyLog(dir);
    setVersion(log, 99);
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
  }

  /** A snapshot of an unknown version is refused the same way. */
  @Test
  void unknownSnapshotVersionIsAnError() throws IOException {
    Path snapshot = storeWithSnapshot();
    setVersion(snapshot, 7);
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("format version 7"), e.getMessage());
  }

  /** A flipped bit anywhere in a snapshot, even its last entry, is an error: snapshots are never torn. */
  @Test
  void damagedSnapshotIsAnError() throws IOException {
    Path snapshot = storeWithSnapshot();
    List<Long> entries = entryOffsets(snapshot);
    long last = entries.get(entries.size() - 1);
    flip(snapshot, last + Frames.ENTRY_HEADER_BYTES + 1);
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertEquals(ErrorCode.INTERNAL, e.code());
    assertTrue(e.getMessage().contains(snapshot.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("offset " + last), e.getMessage());
  }

  /** A snapshot cut short (missing its end marker) is an error, not a smaller store. */
  @Test
  void truncatedSnapshotIsAnError() throws IOException {
    Path snapshot = storeWithSnapshot();
    List<Long> entries = entryOffsets(snapshot);
    try (FileChannel ch = FileChannel.open(snapshot, StandardOpenOption.WRITE)) {
      ch.truncate(entries.get(entries.size() - 1));
    }
    CairnException e = assertThrows(CairnException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
  }

  /** A second store cannot open a directory in use, in this process; it can once the first closes. */
  @Test
  void secondOpenOfADirectoryIsRefused() {
    try (Store first = open(dir)) {
      createTasks(first, 1);
      UnavailableException e = assertThrows(UnavailableException.class, () -> open(dir));
      assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
      assertEquals(1, first.revision(), "the refused open left the first store alone");
      first.update(tx -> tx.create(Task.TASKS, "t2", Task.named("two")));
    }
    try (Store again = open(dir)) {
      assertEquals(2, again.revision());
    }
  }

  /** A directory held by another process cannot be opened; it can once that process lets go. */
  @Test
  void directoryHeldByAnotherProcessIsRefused() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldDirectory.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("open", out.readLine(), "the other process opened the directory");
      UnavailableException e = assertThrows(UnavailableException.class, () -> open(dir));
      assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("another process"), e.getMessage());
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the other process exits");
    }
    assertEquals(0, holder.exitValue());
    try (Store store = open(dir)) {
      assertEquals(0, store.revision());
    }
  }

  /** Writes enough commits for a snapshot and returns the snapshot file. */
  private Path storeWithSnapshot() throws IOException {
    try (Store store = open(dir, "snapshotEvery=3")) {
      createTasks(store, 8);
    }
    List<Path> snapshots = files(dir, "snapshot-");
    assertEquals(1, snapshots.size(), "snapshots: " + snapshots);
    return snapshots.get(0);
  }

  private static void setVersion(Path file, int version) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).putInt(0, version), 8);
    }
  }
}
