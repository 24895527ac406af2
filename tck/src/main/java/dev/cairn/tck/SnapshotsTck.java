package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.Codec;
import dev.cairn.CorruptedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.NotFoundException;
import dev.cairn.Schema;
import dev.cairn.TooLargeException;
import dev.cairn.snapshot.SnapshotFormat;
import dev.cairn.snapshot.SnapshotInfo;
import dev.cairn.snapshot.Snapshots;
import dev.cairn.tck.SnapshotStates.StateV1;
import dev.cairn.tck.SnapshotStates.StateV2;
import dev.cairn.tck.SnapshotStates.V1File;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Versioned application snapshots: every registered version reads, malformed input is a typed error. */
public interface SnapshotsTck extends TckArea {

  /** Returns the snapshots of today's (v2) format in the test's store. */
  private Snapshots<StateV2> snapshots() {
    return Snapshots.of(store(), SnapshotStates.V2);
  }

  /** Asserts that reading {@code bytes} fails with CorruptedException whose message holds every fragment. */
  private static CorruptedException assertCorrupted(byte[] bytes, String... fragments) {
    CorruptedException e = assertThrows(CorruptedException.class, () -> SnapshotStates.V2.read(bytes));
    assertCorruptedSame(bytes, e);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' names '" + fragment + "'");
    }
    return e;
  }

  /** The stream reader rejects the same bytes with the same kind of error. */
  private static void assertCorruptedSame(byte[] bytes, CorruptedException fromArray) {
    CorruptedException fromStream = assertThrows(CorruptedException.class,
        () -> SnapshotStates.V2.read(new ByteArrayInputStream(bytes)));
    assertFalse(fromStream.getMessage().isBlank(), "the stream reader says what was wrong");
    assertFalse(fromArray.getMessage().isBlank(), "the reader says what was wrong");
  }

  private static byte[] sample() {
    return SnapshotStates.V2.write(new StateV2("sample", 7, "node-1"));
  }

  private static int headerLength(byte[] snapshot) {
    return 26 + (snapshot[5] & 0xff);
  }

  /** A value written as bytes and as a stream reads back equal, in the newest version. */
  @Test
  default void roundTripThroughBytesAndStreams() {
    SnapshotFormat<StateV2> format = SnapshotStates.V2;
    StateV2 state = new StateV2("round-trip ✓", -12, "owner\nwith newline");
    assertEquals(state, format.read(format.write(state)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(state, out);
    assertArrayEquals(format.write(state), out.toByteArray());
    assertEquals(state, format.read(new ByteArrayInputStream(out.toByteArray())));
    assertEquals(2, format.latestVersion());
    assertEquals(List.of(1, 2), List.copyOf(format.versions()));
  }

  /** A saved value loads back equal, as latest and by its sequence; an id never saved loads empty. */
  @Test
  default void roundTripThroughTheStore() {
    Snapshots<StateV2> snapshots = snapshots();
    StateV2 state = new StateV2("stored", 1, "me");
    long sequence = snapshots.save("cluster-a", state);
    assertEquals(1, sequence);
    assertEquals(Optional.of(state), snapshots.load("cluster-a"));
    assertEquals(state, snapshots.load("cluster-a", sequence));
    assertEquals(Optional.empty(), snapshots.load("cluster-b"));
    assertEquals(List.of(), snapshots.history("cluster-b"));
    assertTrue(store().collections().contains(Snapshots.COLLECTION_PREFIX + SnapshotStates.FORMAT_NAME),
        "the snapshots are records of " + snapshots.collection());
  }

  /** Every save adds to the history: the latest wins, older ones load by sequence, history is newest first. */
  @Test
  default void historyKeptInOrderLatestWins() {
    Snapshots<StateV2> snapshots = snapshots();
    List<StateV2> saved = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      StateV2 state = new StateV2("s", i, "o" + i);
      assertEquals(i, snapshots.save("job", state));
      saved.add(state);
    }
    snapshots.save("other-job", new StateV2("x", 0, "x"));
    assertEquals(Optional.of(saved.get(2)), snapshots.load("job"));
    for (int i = 1; i <= 3; i++) {
      assertEquals(saved.get(i - 1), snapshots.load("job", i));
    }
    List<SnapshotInfo> history = snapshots.history("job");
    assertEquals(List.of(3L, 2L, 1L), history.stream().map(SnapshotInfo::sequence).toList());
    for (int i = 0; i < history.size(); i++) {
      SnapshotInfo info = history.get(i);
      assertEquals("job", info.id());
      assertEquals(2, info.version());
      assertEquals(SnapshotStates.V2.write(saved.get(2 - i)).length, info.size());
      if (i > 0) {
        assertTrue(info.revision() < history.get(i - 1).revision(), "older snapshots have older revisions");
      }
    }
    assertThrows(UnsupportedOperationException.class, () -> history.remove(0));
    assertEquals(1, snapshots.history("other-job").size(), "ids do not share a history");
    NotFoundException missing = assertThrows(NotFoundException.class, () -> snapshots.load("job", 4));
    assertTrue(missing.getMessage().contains("4"), missing.getMessage());
  }

  /** Concurrent saves of one id get distinct, gap-free sequences and all land in the history. */
  @Test
  default void concurrentSavesGetDistinctSequences() throws Exception {
    Snapshots<StateV2> snapshots = snapshots();
    int threads = 4;
    int each = 5;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          TransactionsTck.await(start);
          List<Long> sequences = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            sequences.add(snapshots.save("shared", new StateV2("t" + thread, i, "w")));
          }
          return sequences;
        }));
      }
      Set<Long> all = new TreeSet<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }
      Set<Long> expected = new TreeSet<>();
      for (long s = 1; s <= threads * each; s++) {
        expected.add(s);
      }
      assertEquals(expected, all, "every save got its own sequence");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * each, snapshots.history("shared").size());
  }

  /** Each committed version 1 file loads with today's format, upgraded with the default owner. */
  @Test
  default void committedVersionOneFilesLoad() {
    for (V1File file : V1File.values()) {
      byte[] bytes = file.bytes();
      StateV2 expected = new StateV2(file.state.name(), file.state.count(), SnapshotStates.DEFAULT_OWNER);
      assertEquals(expected, SnapshotStates.V2.read(bytes), file.fileName);
      assertEquals(expected, SnapshotStates.V2.read(new ByteArrayInputStream(bytes)), file.fileName);
      assertEquals(file.state, SnapshotStates.V1.read(bytes), file.fileName + " still reads as version 1");
    }
  }

  /** A version 1 snapshot saved in the store loads upgraded, and its history says version 1. */
  @Test
  default void versionOneInTheStoreLoadsUpgraded() {
    Snapshots<StateV1> old = Snapshots.of(store(), SnapshotStates.V1);
    old.save("legacy", new StateV1("before", 5));
    Snapshots<StateV2> today = snapshots();
    assertEquals(old.collection(), today.collection(), "one format name, one collection");
    assertEquals(Optional.of(new StateV2("before", 5, SnapshotStates.DEFAULT_OWNER)), today.load("legacy"));
    today.save("legacy", new StateV2("after", 6, "new"));
    assertEquals(List.of(2, 1), today.history("legacy").stream().map(SnapshotInfo::version).toList());
    CorruptedException e = assertThrows(CorruptedException.class, () -> old.load("legacy"));
    assertTrue(e.getMessage().contains("unknown version 2"), "an old reader rejects the newer version: " + e);
  }

  /** Empty input is a CorruptedException that says so. */
  @Test
  default void emptyInputRejected() {
    assertCorrupted(new byte[0], "empty");
  }

  /** Input truncated anywhere, in the header or in the payload, is a CorruptedException naming the byte counts. */
  @Test
  default void truncatedInputRejected() {
    byte[] full = sample();
    int header = headerLength(full);
    for (int cut : new int[] {1, 3, 4, 5, 6, 10, header - 1}) {
      assertCorrupted(Arrays.copyOf(full, cut), "truncated", "got " + cut);
    }
    int payload = full.length - header;
    for (int cut : new int[] {header, header + 1, full.length - 1}) {
      assertCorrupted(Arrays.copyOf(full, cut), "truncated", "expected " + payload, "got " + (cut - header));
    }
  }

  /** A flipped payload byte fails the payload checksum. */
  @Test
  default void flippedPayloadByteFailsChecksum() {
    byte[] full = sample();
    for (int at : new int[] {headerLength(full), full.length - 1}) {
      byte[] bad = full.clone();
      bad[at] ^= 0x20;
      assertCorrupted(bad, "checksum");
    }
  }

  /** A flipped bit anywhere in the header is a CorruptedException, never a wrong value. */
  @Test
  default void flippedHeaderByteRejected() {
    byte[] full = sample();
    int header = headerLength(full);
    for (int at = 0; at < header; at++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] bad = full.clone();
        bad[at] ^= (byte) bit;
        assertCorrupted(bad);
      }
    }
    byte[] inName = full.clone();
    inName[7] ^= 0x01;
    assertCorrupted(inName, "header checksum");
    byte[] badMagic = full.clone();
    badMagic[0] = 'X';
    assertCorrupted(badMagic, "magic");
  }

  /** A version no step registers is a CorruptedException naming it and the known versions. */
  @Test
  default void unknownVersionRejected() {
    SnapshotFormat<StateV2> future = SnapshotFormat.named(SnapshotStates.FORMAT_NAME)
        .first(1, StateV1::decode)
        .then(2, StateV1::toV2, StateV2::decode)
        .then(7, s -> s, StateV2::decode)
        .writer(StateV2::encode);
    byte[] bytes = future.write(new StateV2("from the future", 1, "x"));
    assertCorrupted(bytes, "unknown version 7", "[1, 2]");
  }

  /** A snapshot of another format is a CorruptedException naming both formats. */
  @Test
  default void otherFormatRejected() {
    SnapshotFormat<StateV2> other = SnapshotFormat.named("other-state").first(2, StateV2::decode)
        .writer(StateV2::encode);
    assertCorrupted(other.write(new StateV2("n", 1, "o")), "'other-state'", "'" + SnapshotStates.FORMAT_NAME + "'");
  }

  /** Bytes after the snapshot are a CorruptedException that counts them. */
  @Test
  default void trailingBytesRejected() {
    byte[] full = sample();
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    assertCorrupted(longer, "3 trailing bytes", "offset " + full.length);
  }

  /** Garbage written over a snapshot's record fails on load with the record named, latest and by sequence. */
  @Test
  default void malformedRecordInTheStoreRejected() {
    Snapshots<StateV2> snapshots = snapshots();
    long sequence = snapshots.save("broken", new StateV2("fine", 1, "o"));
    SnapshotInfo info = snapshots.history("broken").get(0);
    Schema<byte[]> raw = Schema.of(snapshots.collection(), Codec.bytes());
    byte[] valid = store().view(tx -> tx.get(raw, info.recordId())).orElseThrow().value();
    List<Supplier<byte[]>> damages = List.of(
        () -> new byte[] {1, 2, 3},
        () -> new byte[0],
        () -> Arrays.copyOf(valid, valid.length - 1),
        () -> {
          byte[] b = valid.clone();
          b[b.length - 1] ^= 1;
          return b;
        });
    for (Supplier<byte[]> damage : damages) {
      byte[] garbage = damage.get();
      store().update(tx -> tx.put(raw, info.recordId(), garbage));
      CorruptedException latest = assertThrows(CorruptedException.class, () -> snapshots.load("broken"));
      assertTrue(latest.getMessage().contains(info.recordId()), latest.getMessage());
      CorruptedException bySequence = assertThrows(CorruptedException.class, () -> snapshots.load("broken", sequence));
      assertTrue(bySequence.getMessage().contains(info.recordId()), bySequence.getMessage());
    }
  }

  /** A snapshot over the store's value limit is a TooLargeException naming size and limit; nothing is saved. */
  @Test
  default void oversizedSnapshotRejected() {
    long limit = store().capabilities().maxValueBytes();
    assumeTrue(limit <= 64L << 20, "the backend's value limit (" + limit + " bytes) is too large to exceed in a test");
    Snapshots<StateV2> snapshots = snapshots();
    StateV2 huge = new StateV2("x".repeat((int) limit), 0, "o");
    TooLargeException e = assertThrows(TooLargeException.class, () -> snapshots.save("huge", huge));
    assertTrue(e.getMessage().contains(String.valueOf(limit)), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(SnapshotStates.V2.write(huge).length)), e.getMessage());
    assertEquals(Optional.empty(), snapshots.load("huge"));
    assertEquals(List.of(), snapshots.history("huge"));
  }

  /** Ids with '/', empty ids and sequences below 1 are InvalidArgumentException. */
  @Test
  default void invalidIdsAndSequencesRejected() {
    Snapshots<StateV2> snapshots = snapshots();
    StateV2 state = new StateV2("n", 1, "o");
    assertThrows(InvalidArgumentException.class, () -> snapshots.save("a/b", state));
    assertThrows(InvalidArgumentException.class, () -> snapshots.save("", state));
    assertThrows(InvalidArgumentException.class, () -> snapshots.load("a/b"));
    assertThrows(InvalidArgumentException.class, () -> snapshots.load("a", 0));
    assertThrows(InvalidArgumentException.class, () -> snapshots.prune("a", 0));
  }

  /** Pruning keeps the newest snapshots, and later saves never reuse a pruned sequence. */
  @Test
  default void pruneKeepsNewestAndNeverReusesSequences() {
    Snapshots<StateV2> snapshots = snapshots();
    for (int i = 1; i <= 5; i++) {
      snapshots.save("p", new StateV2("p", i, "o"));
    }
    assertEquals(3, snapshots.prune("p", 2));
    assertEquals(List.of(5L, 4L), snapshots.history("p").stream().map(SnapshotInfo::sequence).toList());
    assertThrows(NotFoundException.class, () -> snapshots.load("p", 3));
    assertEquals(0, snapshots.prune("p", 2));
    assertEquals(6, snapshots.save("p", new StateV2("p", 6, "o")));
    assertEquals(Optional.of(new StateV2("p", 6, "o")), snapshots.load("p"));
  }
}
