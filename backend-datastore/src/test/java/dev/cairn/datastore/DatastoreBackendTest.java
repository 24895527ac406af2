package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.BatchResult;
import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Ids;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.TooLargeException;
import dev.cairn.UnavailableException;
import dev.cairn.document.DocumentStore;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backend against the Datastore emulator, at Datastore's limits and with the inputs the TCK
 * does not try: values at and over the limit, a 20 MiB document, a batch over a commit's size,
 * hostile names, resolved tokens. Restarts are in {@link DatastoreRestartTest}.
 */
class DatastoreBackendTest {
  @RegisterExtension
  static final DatastoreFixture EMULATOR = DatastoreFixture.datastore();

  private static final Schema<byte[]> BLOBS = Schema.of("blobs", Codec.bytes());

  private static Backend backend() {
    return new DatastoreBackendProvider().open(new BackendUri(EMULATOR.uri(), "datastore"));
  }

  private static Store store(String namespace) {
    return Cairn.open(EMULATOR.uri(), StoreOptions.defaults().withNamespace(namespace));
  }

  private static Write put(String collection, String id, byte[] value, Map<String, Set<String>> keys) {
    return new Write(collection, id, value, keys);
  }

  /** A value of exactly maxValueBytes is stored and read back; one byte more is refused and writes nothing. */
  @Test
  void aValueAtTheLimitIsKeptAndOneByteOverIsRefused() {
    try (Store store = store(EMULATOR.freshNamespace())) {
      int limit = (int) store.capabilities().maxValueBytes();
      assertEquals(DatastoreConfig.MAX_VALUE_BYTES, limit);
      byte[] atLimit = new byte[limit];
      new Random(1).nextBytes(atLimit);
      store.update(tx -> tx.put(BLOBS, "at", atLimit));
      assertArrayEquals(atLimit, store.view(tx -> tx.get(BLOBS, "at")).orElseThrow().value());
      long revision = store.revision();
      assertThrows(TooLargeException.class, () -> store.update(tx -> tx.put(BLOBS, "over", new byte[limit + 1])));
      assertEquals(revision, store.revision());
      assertTrue(store.view(tx -> tx.get(BLOBS, "over")).isEmpty());
    }
  }

  /** A record whose value fits but whose entity, with its index keys, would not is refused before it is sent. */
  @Test
  void aRecordWhoseEntityWouldNotFitIsRefusedByTheBackend() {
    String ns = EMULATOR.freshNamespace();
    try (Backend backend = backend()) {
      Set<String> keys = new java.util.HashSet<>();
      for (int i = 0; i < 200; i++) {
        keys.add(i + "-" + "k".repeat(500));
      }
      byte[] value = new byte[(int) DatastoreConfig.MAX_VALUE_BYTES];
      CommitRequest request = new CommitRequest(List.of(), List.of(put("c", "big", value, Map.of("ix", keys))), "t");
      TooLargeException e = assertThrows(TooLargeException.class, () -> backend.commit(ns, request));
      assertTrue(e.getMessage().contains("c/big"), e.getMessage());
      assertEquals(0, backend.currentRevision(ns));
    }
  }

  /** A 20 MiB state document is written in chunks, each commit under the emulator's request limit, and read back whole. */
  @Test
  void aTwentyMebibyteDocumentGoesThroughChunks() {
    try (Store store = store(EMULATOR.freshNamespace())) {
      DocumentStore<byte[]> documents = DocumentStore.of(store, "state", Codec.bytes());
      byte[] state = new byte[20 << 20];
      new Random(2).nextBytes(state);
      documents.create("big", state);
      assertArrayEquals(state, documents.get("big").orElseThrow());
      assertTrue(documents.chunkBytes() <= store.capabilities().maxValueBytes());
    }
  }

  /** A batch of 12 values of 900 KB, over one commit's size, is split by the api into commits that fit. */
  @Test
  void aBatchOverACommitsSizeIsSplit() {
    try (Store store = store(EMULATOR.freshNamespace())) {
      long perCommit = store.capabilities().maxCommitBytes();
      BatchResult result = store.batch(batch -> {
        for (int i = 0; i < 12; i++) {
          String id = "b" + i;
          byte[] value = new byte[900_000];
          value[0] = (byte) i;
          batch.update(tx -> tx.put(BLOBS, id, value));
        }
      });
      assertEquals(12, result.changes());
      assertTrue(result.transactions() >= 12 * 900_000L / perCommit, result + " under " + perCommit + " per commit");
      List<byte[]> values = new ArrayList<>();
      store.view(tx -> tx.listAll(BLOBS)).forEach(e -> values.add(e.value()));
      assertEquals(12, values.size());
    }
  }

  /** Ids and index keys that look like Datastore's reserved or ordering-sensitive names round-trip and range exactly. */
  @Test
  void hostileIdsAndKeysAreStoredAndRangedExactly() {
    String ns = EMULATOR.freshNamespace();
    List<String> ids = new ArrayList<>(List.of("__key__", "__x__", "'", "''", ":", "a:b", "ix:a", "/", "\\", " ", "\n",
        "é", "\uD7FF", "\uE000", "\uFFFF", "\uD83D\uDE00", "\uDBFF\uDFFF", "x".repeat(512), "\uFFFF".repeat(170)));
    ids.sort(Ids.ORDER);
    try (Backend backend = backend()) {
      List<Write> writes = new ArrayList<>();
      for (String id : ids) {
        writes.add(put("c", id, id.getBytes(StandardCharsets.UTF_8), Map.of("by", Set.of(id, "[" + id))));
      }
      writes.add(put("c-r", "'", new byte[1], Map.of("by", Set.of("'"))));
      backend.commit(ns, new CommitRequest(List.of(), writes, "t1"));
      assertEquals(ids, backend.scan(ns, "c", IdRange.ALL, 100).records().stream().map(StoredRecord::id).toList());
      for (String id : ids) {
        assertEquals(id, new String(backend.get(ns, "c", id).record().value(), StandardCharsets.UTF_8));
        assertEquals(List.of(id), backend.lookup(ns, "c", "by", id, false).records().stream().map(StoredRecord::id).toList());
        assertEquals(ids.subList(ids.indexOf(id) + 1, ids.size()),
            backend.scan(ns, "c", IdRange.ALL.after(id), 100).records().stream().map(StoredRecord::id).toList(),
            "ids after " + id);
      }
      assertEquals(ids, backend.lookup(ns, "c", "by", "[", true).records().stream().map(StoredRecord::id).toList());
      assertEquals(List.of("\uFFFF", "\uFFFF".repeat(170)),
          backend.lookup(ns, "c", "by", "\uFFFF", true).records().stream().map(StoredRecord::id).toList());
      assertEquals(List.of("\uD83D\uDE00", "\uDBFF\uDFFF"), backend.scan(ns, "c",
          IdRange.ALL.after("\uFFFF"), 100).records().stream().map(StoredRecord::id).toList()
          .subList(1, 3), "supplementary characters sort after U+FFFF");
      assertEquals(List.of("c", "c-r"), backend.collections(ns));
      assertThrows(InvalidArgumentException.class, () -> backend.currentRevision("__x__"));
      assertThrows(InvalidArgumentException.class, () -> backend.currentRevision("a.b"));
      assertEquals(0, backend.currentRevision(ns + "-child"), "a namespace sharing a prefix sees nothing");
    }
  }

  /** A token resolved as never committed stays so: the commit sent late does not apply; a commit retried answers its first revision. */
  @Test
  void aTokenDeclaredNeverCommittedStaysUncommitted() {
    String ns = EMULATOR.freshNamespace();
    try (Backend backend = backend()) {
      assertTrue(backend.committedRevision(ns, "lost").isEmpty());
      CommitRequest late = new CommitRequest(List.of(), List.of(put("c", "a", new byte[1], Map.of())), "lost");
      assertThrows(UnavailableException.class, () -> backend.commit(ns, late));
      assertNull(backend.get(ns, "c", "a").record());
      assertTrue(backend.committedRevision(ns, "lost").isEmpty());
      CommitRequest twice = new CommitRequest(List.of(new Precondition.RecordVersion("c", "b", 0)),
          List.of(put("c", "b", new byte[1], Map.of())), "twice");
      assertEquals(1, backend.commit(ns, twice));
      assertEquals(1, backend.commit(ns, twice), "a retried commit answers its first outcome");
      assertEquals(1, backend.committedRevision(ns, "twice").orElseThrow());
      List<Change> changes = backend.changes(ns, 0, 10);
      assertEquals(1, changes.size());
      assertFalse(backend.changes(ns, 1, 10).iterator().hasNext());
    }
  }

  /** History is trimmed to the retention in the background, and reading below it fails as compacted. */
  @Test
  void historyIsTrimmedToTheRetention() throws InterruptedException {
    String ns = EMULATOR.freshNamespace();
    try (Backend backend = new DatastoreBackendProvider().open(new BackendUri(EMULATOR.uri() + "&retention=10",
        "datastore"))) {
      for (int i = 1; i <= 60; i++) {
        backend.commit(ns, new CommitRequest(List.of(), List.of(put("c", "r", new byte[] {(byte) i}, Map.of())),
            "t" + i));
      }
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          backend.changes(ns, 0, 100);
        } catch (dev.cairn.CompactedException e) {
          break;
        }
        assertTrue(System.nanoTime() < deadline, "history below the retention was trimmed");
        Thread.sleep(50); // the trimmer runs in the background: poll with a deadline
      }
      assertEquals(10, backend.changes(ns, 50, 100).size(), "the last 10 revisions are kept");
      assertEquals(60, backend.committedRevision(ns, "t60").orElseThrow(), "tokens outlive the history");
    }
  }
}
