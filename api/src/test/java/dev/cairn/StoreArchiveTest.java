package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The archive format: a round trip, and every kind of damage rejected before any write. */
class StoreArchiveTest {
  private static final Schema<String> NOTES = Schema.builder("notes", Codec.utf8())
      .name(v -> v)
      .index("first", v -> List.of(v.substring(0, 1)))
      .build();
  private static final Schema<byte[]> BLOBS = Schema.of("blobs", Codec.bytes());

  private Store source;
  private Store target;

  @BeforeEach
  void open() {
    source = Cairn.open(new TestBackend(), StoreOptions.defaults());
    target = Cairn.open(new TestBackend(), StoreOptions.defaults());
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private byte[] exportOf(Store store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary = StoreArchive.export(store, out, ProgressListener.NONE);
    assertEquals(out.size(), summary.bytes());
    return out.toByteArray();
  }

  private byte[] smallArchive() {
    source.update(tx -> {
      tx.create(NOTES, "n1", "apple");
      tx.create(NOTES, "n2", "banana");
      tx.create(BLOBS, "b1", new byte[] {1, 2, 3});
    });
    source.update(tx -> tx.delete(BLOBS, "b1"));
    return exportOf(source);
  }

  private void assertTargetUntouched() {
    assertEquals(List.of(), target.collections());
    assertEquals(0, target.revision());
  }

  /** Records, names and index keys survive a round trip; the summary counts what the archive holds. */
  @Test
  void roundTrip() {
    byte[] archive = smallArchive();
    ExportSummary verified = StoreArchive.verify(ArchiveSource.of(archive), ProgressListener.NONE);
    assertEquals(2, verified.records());
    assertEquals(0, verified.changes());
    assertEquals(source.revision(), verified.revision());
    assertEquals("default", verified.namespace());
    ImportSummary imported = StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE);
    assertEquals(verified, imported.archive());
    assertEquals(target.revision(), imported.targetRevision());
    assertEquals(List.of("notes"), target.collections());
    assertEquals("banana", target.view(tx -> tx.getByName(NOTES, "BANANA")).orElseThrow().value());
    assertEquals(List.of("n1"), target.view(tx -> tx.find(NOTES, By.exact("first", "a"))).stream().map(Entry::id).toList());
  }

  /** A flip of any single byte anywhere in the archive is rejected, and nothing is written. */
  @Test
  void everyFlippedByteIsRejected() {
    byte[] archive = smallArchive();
    for (int offset = 0; offset < archive.length; offset++) {
      byte[] damaged = archive.clone();
      damaged[offset] ^= 0x10;
      int at = offset;
      assertThrows(CorruptedException.class,
          () -> StoreArchive.importFrom(target, ArchiveSource.of(damaged), ProgressListener.NONE), () -> "flip at " + at);
    }
    assertTargetUntouched();
  }

  /** An archive cut at any length is rejected as truncated, and nothing is written. */
  @Test
  void everyTruncationIsRejected() {
    byte[] archive = smallArchive();
    for (int length = 0; length < archive.length; length++) {
      byte[] cut = Arrays.copyOf(archive, length);
      CorruptedException e = assertThrows(CorruptedException.class,
          () -> StoreArchive.importFrom(target, ArchiveSource.of(cut), ProgressListener.NONE));
      assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("byte offset " + length),
          e.getMessage());
    }
    assertTargetUntouched();
  }

  /** Bytes after the trailer are rejected, naming their offset. */
  @Test
  void trailingBytesAreRejected() {
    byte[] archive = smallArchive();
    byte[] longer = Arrays.copyOf(archive, archive.length + 1);
    CorruptedException e = assertThrows(CorruptedException.class,
        () -> StoreArchive.importFrom(target, ArchiveSource.of(longer), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("byte offset " + archive.length + ": bytes after the trailer"), e.getMessage());
    assertTargetUntouched();
  }

  /** An unknown format version is named as such, at its offset. */
  @Test
  void unknownVersionIsRejected() {
    byte[] archive = smallArchive();
    archive[9] = 2;
    CorruptedException e = assertThrows(CorruptedException.class,
        () -> StoreArchive.verify(ArchiveSource.of(archive), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("byte offset 8: unknown archive format version 2"), e.getMessage());
  }

  /** Input that is not an archive fails on its magic. */
  @Test
  void badMagicIsRejected() {
    byte[] archive = smallArchive();
    archive[0] = 'X';
    CorruptedException e = assertThrows(CorruptedException.class,
        () -> StoreArchive.verify(ArchiveSource.of(archive), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("byte offset 0: bad magic"), e.getMessage());
  }

  /** Records spanning many blocks, and changes replayed after them, rebuild the exact state. */
  @Test
  void manyBlocksAndReplayedChanges() {
    source.batch(batch -> {
      for (int i = 0; i < 5000; i++) {
        String id = "b" + i;
        byte[] value = new byte[40];
        value[0] = (byte) i;
        batch.update(tx -> tx.create(BLOBS, id, value));
      }
    });
    byte[] archive = exportOf(source);
    assertTrue(archive.length > 3 * 64 * 1024, "several blocks: " + archive.length);
    StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE);
    assertEquals(5000, target.view(tx -> tx.listAll(BLOBS)).size());
    assertEquals(4, target.view(tx -> tx.get(BLOBS, "b4")).orElseThrow().value()[0]);
  }

  /** A non-empty target is refused before anything is written. */
  @Test
  void nonEmptyTargetIsRefused() {
    byte[] archive = smallArchive();
    target.update(tx -> tx.create(BLOBS, "x", new byte[1]));
    long revision = target.revision();
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals(revision, target.revision());
  }

  /** Progress is reported for verification then import, with the archive's size. */
  @Test
  void progressIsReported() {
    byte[] archive = smallArchive();
    List<Progress> reports = new ArrayList<>();
    StoreArchive.importFrom(target, ArchiveSource.of(archive), reports::add);
    assertEquals(Progress.Phase.VERIFY, reports.get(0).phase());
    Progress last = reports.get(reports.size() - 1);
    assertEquals(Progress.Phase.IMPORT, last.phase());
    assertEquals(archive.length, last.bytes());
    assertEquals(archive.length, last.totalBytes().orElseThrow());
    assertEquals(2, last.records());
  }

  /**
   * A flipped high bit in a block's length field is rejected at the block's offset before its body
   * is read: verification does not buffer the rest of a large archive.
   */
  @Test
  void damagedBlockLengthIsRejectedBeforeReadingTheBody() {
    byte[] archive = smallArchive();
    int lengthField = ArchiveFormat.PREAMBLE_BYTES + 1; // the header block's kind, then its length
    archive[lengthField] = 0x7f;
    long rest = 1L << 30; // a gigabyte of (unread) blocks after the damage
    AtomicLong consumed = new AtomicLong();
    ArchiveSource huge = () -> new SequenceInputStream(new ByteArrayInputStream(archive), new InputStream() {
      @Override public int read() {
        return read(new byte[1], 0, 1) < 0 ? -1 : 0;
      }

      @Override public int read(byte[] b, int off, int len) {
        long left = rest - consumed.get();
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, (byte) 0);
        consumed.addAndGet(n);
        return n;
      }
    });
    CorruptedException e = assertThrows(CorruptedException.class, () -> StoreArchive.verify(huge, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("byte offset " + ArchiveFormat.PREAMBLE_BYTES + ": block length"), e.getMessage());
    assertTrue(consumed.get() <= 1 << 20, "read " + consumed.get() + " bytes past the archive's own");
  }

  /** A length within the cap but past the end of the input is reported as truncation where the input ends. */
  @Test
  void blockLengthPastTheEndIsTruncation() {
    byte[] archive = smallArchive();
    int lengthField = ArchiveFormat.PREAMBLE_BYTES + 1;
    archive[lengthField + 1] = 0x10; // about a megabyte: below the cap, beyond the archive
    CorruptedException e = assertThrows(CorruptedException.class,
        () -> StoreArchive.verify(ArchiveSource.of(archive), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("byte offset " + archive.length + ": truncated"), e.getMessage());
  }

  /** A store of another class is refused with a message saying what is needed. */
  @Test
  void foreignStoreIsRefused() {
    Store foreign = (Store) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Store.class}, (p, m, a) -> null);
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> StoreArchive.export(foreign, new ByteArrayOutputStream(), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("needs a store opened by Cairn.open"), e.getMessage());
  }

  /** Export pages are bounded by bytes too: records of 128 KiB are read about 4 MiB at a time, not 1000 at a time. */
  @Test
  void exportPagesAreBoundedByBytes() {
    ReadSizeBackend backend = new ReadSizeBackend();
    try (Store large = Cairn.open(backend, StoreOptions.defaults())) {
      byte[] value = new byte[128 << 10];
      for (int t = 0; t < 6; t++) {
        int first = t * 10;
        large.update(tx -> {
          for (int i = first; i < first + 10; i++) {
            tx.create(BLOBS, "b" + i, value);
          }
        });
      }
      byte[] archive = exportOf(large);
      assertTrue(backend.largestPage.get() <= PageSizer.TARGET_BYTES,
          "a page of " + backend.largestPage.get() + " value bytes");
      StoreArchive.importFrom(target, ArchiveSource.of(archive), ProgressListener.NONE);
      assertEquals(60, target.view(tx -> tx.listAll(BLOBS)).size());
    }
  }
}
