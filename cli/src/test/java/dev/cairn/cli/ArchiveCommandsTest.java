package dev.cairn.cli;

import static dev.cairn.cli.CliTest.cairn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.cli.CliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn put}, {@code delete}, {@code export}, {@code import} and {@code migrate} between journaled memory stores. */
class ArchiveCommandsTest {
  private static final Schema<byte[]> TASKS = Schema.of("tasks", Codec.bytes());

  @TempDir
  Path dir;
  String source;

  @BeforeEach
  void write() {
    source = uri("source");
    assertEquals(0, cairn("put", source, "tasks", "t1", "web").code());
    assertEquals(0, cairn("put", source, "tasks", "t2", "db").code());
    assertEquals(0, cairn("put", source, "nodes", "n1", "node one").code());
    assertEquals(0, cairn("delete", source, "tasks", "t2").code());
  }

  private String uri(String name) {
    return "memory:" + dir.resolve(name);
  }

  private static String contents(String uri) {
    try (Store store = Cairn.open(uri)) {
      return store.view(tx -> store.collections().stream()
          .map(c -> c + "=" + tx.listAll(Schema.of(c, Codec.bytes())).stream()
              .map(e -> e.id() + ":" + new String(e.value(), StandardCharsets.UTF_8)).collect(Collectors.joining(",")))
          .collect(Collectors.joining(" ")));
    }
  }

  /** put creates, refuses to replace without --replace (naming the flag), and replaces with it. */
  @Test
  void putCreatesAndReplacesOnlyWhenAsked() {
    Run again = cairn("put", source, "tasks", "t1", "other");
    assertEquals(1, again.code());
    assertTrue(again.err().contains("--replace"), again.err());
    assertEquals("nodes=n1:node one tasks=t1:web", contents(source));
    Run replaced = cairn("put", "--replace", source, "tasks", "t1", "web v2");
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(replaced.out().startsWith("revision 5: tasks/t1 version 5"), replaced.out());
    assertEquals("nodes=n1:node one tasks=t1:web v2", contents(source));
  }

  /** put @FILE stores the file's bytes as they are. */
  @Test
  void putReadsAFile() throws IOException {
    byte[] bytes = {0, 1, 2, (byte) 0xfe};
    Path file = Files.write(dir.resolve("value.bin"), bytes);
    assertEquals(0, cairn("put", source, "blobs", "b1", "@" + file).code());
    try (Store store = Cairn.open(source)) {
      assertArrayEquals(bytes, store.view(tx -> tx.get(Schema.of("blobs", Codec.bytes()), "b1")).orElseThrow().value());
    }
    assertEquals(2, cairn("put", source, "blobs", "b2", "@" + dir.resolve("missing")).code());
  }

  /** delete of an absent record deletes nothing, not even the ids named before it. */
  @Test
  void deleteIsAllOrNothing() {
    Run run = cairn("delete", source, "nodes", "n1", "nope");
    assertEquals(1, run.code());
    assertTrue(run.err().contains("nope"), run.err());
    assertEquals("nodes=n1:node one tasks=t1:web", contents(source));
  }

  /** export then import reproduces every record in another store, and says what it did. */
  @Test
  void exportThenImport() {
    Path file = dir.resolve("backup.cairn");
    Run export = cairn("export", "--progress=none", source, file.toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(export.out().contains("exported 2 records") && export.out().contains("at revision 4"), export.out());
    assertTrue(Files.isRegularFile(file));
    assertFalse(Files.exists(dir.resolve("backup.cairn.partial")), "the partial file is moved into place");
    Run imported = cairn("import", "--progress=none", file.toString(), uri("copy"));
    assertEquals(0, imported.code(), imported.err());
    assertEquals(contents(source), contents(uri("copy")));
  }

  /** export refuses to overwrite a file unless --force; import refuses a non-empty target and a damaged file. */
  @Test
  void refusalsLoseNothing() throws IOException {
    Path file = dir.resolve("backup.cairn");
    Files.writeString(file, "precious");
    Run export = cairn("export", source, file.toString());
    assertEquals(2, export.code());
    assertTrue(export.err().contains("--force"), export.err());
    assertEquals("precious", Files.readString(file));
    assertEquals(0, cairn("export", "--force", "--progress=none", source, file.toString()).code());

    Run notEmpty = cairn("import", "--progress=none", file.toString(), source);
    assertEquals(2, notEmpty.code());
    assertTrue(notEmpty.err().contains("not empty"), notEmpty.err());

    byte[] damaged = Files.readAllBytes(file);
    damaged[damaged.length / 2] ^= 0x40;
    Path bad = Files.write(dir.resolve("damaged.cairn"), damaged);
    Run rejected = cairn("import", "--progress=none", bad.toString(), uri("target"));
    assertEquals(1, rejected.code());
    assertTrue(rejected.err().contains("CORRUPTED"), rejected.err());
    assertEquals("", contents(uri("target")), "nothing was written");

    assertEquals(2, cairn("import", dir.resolve("absent.cairn").toString(), uri("target")).code());
  }

  /** migrate copies the source into an empty target and reports the revision it caught up to. */
  @Test
  void migrateCopiesAndCatchesUp() {
    Run run = cairn("migrate", "--progress=lines", source, uri("migrated"));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("up to revision 4"), run.out());
    assertTrue(run.err().contains("export: done, 2 records"), run.err());
    assertEquals(contents(source), contents(uri("migrated")));
    try (Store store = Cairn.open(uri("migrated"))) {
      List<Entry<byte[]>> tasks = store.view(tx -> tx.listAll(TASKS));
      assertEquals(List.of("t1"), tasks.stream().map(Entry::id).toList());
    }
  }

  /** A follower failure (the source's feed compacted) is exit 1 naming its code in one line, not a usage error. */
  @Test
  void migrateReportsAFollowerFailureWithItsCode() throws IOException {
    Path jar = CompactedFeedBackend.jar(dir);
    Run run = cairn("migrate", "--jar", jar.toString(), "--progress=none", "compacted:", uri("target"));
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().startsWith("cairn migrate: ") && run.err().contains("(COMPACTED)"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  /** With --follow, a follower that fails ends the command with exit 1 instead of waiting for Ctrl-C. */
  @Test
  void migrateFollowEndsWhenTheFollowerFails() throws IOException {
    Path jar = CompactedFeedBackend.jar(dir);
    Run run = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> cairn("migrate", "--follow", "--jar", jar.toString(), "--progress=none", "compacted:", uri("target")));
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().contains("(COMPACTED)"), run.err());
  }

  /** An archive that cannot be read is reported in one line, exit 1, with nothing written. */
  @Test
  void unreadableArchiveIsOneLineAndExitOne() throws IOException {
    Path file = Files.writeString(dir.resolve("locked.cairn"), "CAIRNARC");
    Files.setPosixFilePermissions(file, Set.of());
    // root reads any file: then use a regular file whose reads fail with an I/O error
    Path unreadable = Files.isReadable(file) ? Path.of("/proc/self/mem") : file;
    Run run = cairn("import", "--progress=none", unreadable.toString(), uri("target"));
    assertEquals(1, run.code(), run.err());
    assertTrue(run.err().startsWith("cairn import: cannot read archive " + unreadable), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals("", contents(uri("target")), "nothing was written");
  }

  /** A bad progress mode is a usage error naming the modes. */
  @Test
  void badProgressModeIsAUsageError() {
    Run run = cairn("export", "--progress=fancy", source, dir.resolve("x.cairn").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("fancy"), run.err());
    assertFalse(Files.exists(dir.resolve("x.cairn")));
  }
}
