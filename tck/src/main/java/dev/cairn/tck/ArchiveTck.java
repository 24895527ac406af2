package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.ArchiveSource;
import dev.cairn.By;
import dev.cairn.Codec;
import dev.cairn.CompactedException;
import dev.cairn.CorruptedException;
import dev.cairn.Entry;
import dev.cairn.ExportSummary;
import dev.cairn.ImportSummary;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.Migration;
import dev.cairn.Page;
import dev.cairn.Progress;
import dev.cairn.ProgressListener;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Store export, import and live migration: an archive holds every collection at one revision,
 * a damaged archive is rejected before anything is written, and a migration of a live store
 * loses no write.
 */
public interface ArchiveTck extends TckArea {
  /** Tasks' nodes and labels: few enough that each index key holds many records. */
  int NODES = 16;
  int LABELS = 7;

  /** Raw byte values of any collection, to compare stores without their schemas. */
  static Schema<byte[]> raw(String collection) {
    return Schema.of(collection, Codec.bytes());
  }

  /** A task with a name, a node and labels derived from {@code i}. */
  static Task task(int i) {
    return new Task("task-" + i, "node-" + (i % NODES), List.of("l" + (i % LABELS), "m" + (i % 3)), i);
  }

  /** Exports {@code store} to memory. */
  static byte[] exportBytes(Store store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary = StoreArchive.export(store, out, ProgressListener.NONE);
    assertEquals(out.size(), summary.bytes(), "the summary counts the bytes written");
    return out.toByteArray();
  }

  /** Asserts that both stores hold the same collections, ids, values, names and index keys. */
  static void assertSameContents(Store expected, Store actual) {
    List<String> collections = expected.collections().stream()
        .filter(c -> !expected.view(tx -> tx.list(raw(c), ListOptions.all().limit(1))).items().isEmpty()).toList();
    List<String> actualCollections = actual.collections().stream()
        .filter(c -> !actual.view(tx -> tx.list(raw(c), ListOptions.all().limit(1))).items().isEmpty()).toList();
    assertEquals(collections, actualCollections, "collections holding records");
    for (String c : collections) {
      assertSameRecords(expected, actual, raw(c));
    }
    for (int n = 0; n < NODES; n++) {
      By node = By.exact("node", "node-" + n);
      assertEquals(ids(expected, node), ids(actual, node), "index lookup " + node);
    }
    for (int l = 0; l < LABELS; l++) {
      By label = By.exact("label", "l" + l);
      assertEquals(ids(expected, label), ids(actual, label), "index lookup " + label);
    }
    By prefix = By.namePrefix("task-1");
    assertEquals(ids(expected, prefix), ids(actual, prefix), "name prefix lookup");
  }

  private static List<String> ids(Store store, By by) {
    return store.view(tx -> tx.find(Task.TASKS, by)).stream().map(Entry::id).toList();
  }

  private static void assertSameRecords(Store expected, Store actual, Schema<byte[]> schema) {
    Optional<String> cursor = Optional.empty();
    do {
      ListOptions options = ListOptions.all().limit(1000);
      ListOptions page = cursor.map(options::after).orElse(options);
      Page<byte[]> e = expected.view(tx -> tx.list(schema, page));
      Page<byte[]> a = actual.view(tx -> tx.list(schema, page));
      assertEquals(e.items().size(), a.items().size(), "page size in " + schema.collection());
      for (int i = 0; i < e.items().size(); i++) {
        assertEquals(e.items().get(i).id(), a.items().get(i).id(), "id in " + schema.collection());
        assertArrayEquals(e.items().get(i).value(), a.items().get(i).value(),
            "value of " + schema.collection() + "/" + e.items().get(i).id());
      }
      cursor = e.nextCursor();
    } while (cursor.isPresent());
  }

  /** Asserts that an import of {@code archive} into {@code target} fails as corrupted and writes nothing. */
  static void assertRejected(Store target, byte[] archive, String what) {
    assertThrows(CorruptedException.class,
        () -> StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE), what);
    assertEquals(List.of(), target.collections(), "nothing written after " + what);
    assertEquals(0, target.revision(), "no commit after " + what);
  }

  /**
   * Fills the store with {@code tasks} named, indexed tasks and {@code plain} plain records, in
   * transactions of up to 2,000 writes (200 for named tasks, whose name checks grow with the
   * transaction), within the backend's limit.
   */
  static void fill(Store store, int tasks, int plain) {
    int chunk = Math.min(2000, store.capabilities().maxWritesPerCommit());
    int taskChunk = Math.min(200, chunk);
    for (int from = 0; from < tasks; from += taskChunk) {
      int start = from;
      int end = Math.min(tasks, from + taskChunk);
      store.update(tx -> {
        for (int i = start; i < end; i++) {
          tx.create(Task.TASKS, "t" + i, task(i));
        }
      });
    }
    for (int from = 0; from < plain; from += chunk) {
      int start = from;
      int end = Math.min(plain, from + chunk);
      store.update(tx -> {
        for (int i = start; i < end; i++) {
          tx.create(Task.PLAIN, "p" + i, "plain value p" + i);
        }
      });
    }
  }

  /** 100,000 records of three collections, with names and index keys, round-trip through a file into another store. */
  @Test
  default void roundTripOf100kRecords() throws IOException {
    fill(store(), 20_000, 60_000);
    Schema<byte[]> blobs = raw("blobs");
    int chunk = Math.min(2000, store().capabilities().maxWritesPerCommit());
    for (int from = 0; from < 20_000; from += chunk) {
      int start = from;
      store().update(tx -> {
        for (int i = start; i < start + chunk && i < 20_000; i++) {
          tx.create(blobs, "b" + i, new byte[] {(byte) i, (byte) (i >> 8), 7});
        }
      });
    }
    Path file = Files.createTempFile("cairn-tck-export", ".cairn");
    try {
      ExportSummary exported;
      try (OutputStream out = Files.newOutputStream(file)) {
        exported = StoreArchive.export(store(), out, ProgressListener.NONE);
      }
      assertEquals(100_000, exported.records() + exported.changes());
      assertEquals(store().revision(), exported.revision());
      assertEquals(Files.size(file), exported.bytes());
      Store target = tck().sibling("target");
      ImportSummary imported = StoreArchive.importFrom(target, file, ProgressListener.NONE);
      assertEquals(exported, imported.archive());
      assertEquals(target.revision(), imported.targetRevision());
      assertSameContents(store(), target);
      assertEquals("task-12345", target.view(tx -> tx.getByName(Task.TASKS, "TASK-12345")).orElseThrow().value().name());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** An empty store exports to an archive that imports into an empty store. */
  @Test
  default void emptyStoreRoundTrip() {
    byte[] archive = exportBytes(store());
    ExportSummary verified = StoreArchive.verify(ArchiveSource.of(archive), ProgressListener.NONE);
    assertEquals(0, verified.records());
    assertEquals(store().namespace(), verified.namespace());
    Store target = tck().sibling("target");
    StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE);
    assertEquals(List.of(), target.collections());
  }

  /** A byte flipped in the header, a record block or the trailer makes the import fail before any write. */
  @Test
  default void corruptedArchiveIsRejected() {
    fill(store(), 1000, 2000);
    byte[] archive = exportBytes(store());
    Store target = tck().sibling("target");
    int[] offsets = {2, 9, 14, 20, archive.length / 3, archive.length / 2, archive.length - 30, archive.length - 2};
    for (int offset : offsets) {
      byte[] damaged = archive.clone();
      damaged[offset] ^= 0x5a;
      assertRejected(target, damaged, "a flipped byte at offset " + offset + " of " + archive.length);
    }
  }

  /** An archive cut short anywhere, or followed by extra bytes, makes the import fail before any write. */
  @Test
  default void truncatedArchiveIsRejected() {
    fill(store(), 1000, 2000);
    byte[] archive = exportBytes(store());
    Store target = tck().sibling("target");
    int[] lengths = {0, 5, 10, 17, archive.length / 2, archive.length - 40, archive.length - 1};
    for (int length : lengths) {
      assertRejected(target, Arrays.copyOf(archive, length), "a cut at " + length + " of " + archive.length);
    }
    assertRejected(target, Arrays.copyOf(archive, archive.length + 3), "3 bytes appended");
  }

  /** Importing into a store that holds records fails and writes nothing. */
  @Test
  default void nonEmptyTargetIsRefused() {
    fill(store(), 10, 10);
    byte[] archive = exportBytes(store());
    Store target = tck().sibling("target");
    target.update(tx -> tx.create(Task.PLAIN, "already", "here"));
    long revision = target.revision();
    assertThrows(InvalidArgumentException.class,
        () -> StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE));
    assertEquals(revision, target.revision());
    assertEquals(1, target.view(tx -> tx.listAll(Task.PLAIN)).size());
  }

  /**
   * An export during which amounts move between two collections, after the first collection's
   * first records were read and before the second's were, holds one revision's total: the moves
   * reach it through the replay section.
   */
  @Test
  default void exportUnderConcurrentWritesIsConsistent() {
    Schema<String> alpha = Schema.of("alpha", Codec.utf8());
    Schema<String> beta = Schema.of("beta", Codec.utf8());
    String filler = "x".repeat(100);
    int fillers = 2000; // over 64 KiB per collection: blocks are written while the first one is paged
    int chunk = Math.min(1000, store().capabilities().maxWritesPerCommit() / 2); // two writes per filler
    for (int from = 0; from < fillers; from += chunk) {
      int start = from;
      store().update(tx -> {
        for (int i = start; i < start + chunk && i < fillers; i++) {
          tx.create(alpha, "f" + i, filler);
          tx.create(beta, "f" + i, filler);
        }
      });
    }
    store().update(tx -> {
      tx.create(alpha, "a", "500");
      tx.create(beta, "b", "500");
    });
    int[] moves = {0};
    // Called synchronously between blocks: the first block with records is written while the
    // first collection is being paged, before the second collection is read.
    ProgressListener moveAtEachBlock = p -> {
      if (p.records() > 0 && moves[0] < 5) {
        int amount = ++moves[0] * 7;
        store().update(tx -> {
          int a = Integer.parseInt(tx.get(alpha, "a").orElseThrow().value());
          int b = Integer.parseInt(tx.get(beta, "b").orElseThrow().value());
          tx.update(alpha, "a", String.valueOf(a - amount));
          tx.update(beta, "b", String.valueOf(b + amount));
        });
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary = StoreArchive.export(store(), out, moveAtEachBlock);
    assertTrue(moves[0] > 0, "the export wrote blocks");
    assertTrue(summary.changes() >= 2, "the moves made during the export are in its replay section: " + summary);
    Store copy = tck().sibling("copy");
    StoreArchive.importFrom(copy, ArchiveSource.of(out.toByteArray()), ProgressListener.NONE);
    int a = Integer.parseInt(copy.view(tx -> tx.get(alpha, "a")).orElseThrow().value());
    int b = Integer.parseInt(copy.view(tx -> tx.get(beta, "b")).orElseThrow().value());
    assertEquals(1000, a + b, "the export holds one revision's state");
    assertEquals(fillers + 1, copy.view(tx -> tx.listAll(alpha)).size());
    assertEquals(fillers + 1, copy.view(tx -> tx.listAll(beta)).size());
  }

  /** A migration started while a writer runs ends, once caught up, with the target identical to the source. */
  @Test
  default void migrationUnderConcurrentWritesEndsIdentical() throws Exception {
    fill(store(), 2000, 1000);
    Store target = tck().sibling("target");
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int i = 0; i < 400; i++) {
          int n = i;
          store().update(tx -> {
            tx.put(Task.TASKS, "t" + n, task(n + 5000).withCounter(n));
            tx.delete(Task.PLAIN, "p" + n);
            tx.create(Task.TASKS, "new" + n, task(10_000 + n));
            if (n % 2 == 0) {
              tx.delete(Task.TASKS, "new" + (n / 2));
            }
          });
          if (i == 20) {
            started.countDown();
          }
        }
      });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      try (Migration migration = Migration.start(store(), target, ProgressListener.NONE)) {
        writes.get(30, TimeUnit.SECONDS);
        assertTrue(migration.awaitCaughtUp(Duration.ofSeconds(10)), "caught up");
        assertEquals(store().revision(), migration.appliedRevision());
        migration.stop();
      }
    } finally {
      writer.shutdownNow();
    }
    assertSameContents(store(), target);
  }

  /** Migration refuses a target that holds records, writing nothing. */
  @Test
  default void migrationRefusesNonEmptyTarget() {
    fill(store(), 10, 0);
    Store target = tck().sibling("target");
    target.update(tx -> tx.create(Task.PLAIN, "already", "here"));
    long revision = target.revision();
    assertThrows(InvalidArgumentException.class, () -> Migration.start(store(), target, ProgressListener.NONE));
    assertEquals(revision, target.revision());
  }

  /** A migration whose source feed is compacted past what it applied fails with CompactedException. */
  @Test
  default void migrationFailsWhenTheFeedIsCompacted() throws Exception {
    fill(store(), 10, 0);
    Store target = tck().sibling("target");
    CountDownLatch applying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ProgressListener holdFirstFollow = p -> {
      if (p.phase() == Progress.Phase.FOLLOW && applying.getCount() > 0) {
        applying.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    Migration migration = Migration.start(store(), target, holdFirstFollow);
    try {
      store().update(tx -> tx.put(Task.PLAIN, "one", "1"));
      assertTrue(applying.await(10, TimeUnit.SECONDS), "the follower applied the first write");
      store().update(tx -> tx.put(Task.PLAIN, "two", "2"));
      store().update(tx -> tx.put(Task.PLAIN, "three", "3"));
      store().compact(store().revision());
      release.countDown();
      assertThrows(CompactedException.class, () -> migration.awaitCaughtUp(Duration.ofSeconds(10)));
    } finally {
      release.countDown();
      assertThrows(CompactedException.class, migration::stop);
    }
  }
}
