package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.document.DocumentStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A backend that bounds a commit's bytes ({@link Capabilities#maxCommitBytes()}): batches and
 * document writes split under it, and a transaction over it is refused before it is sent.
 */
class CommitBytesLimitTest {
  private static final Schema<byte[]> BLOBS = Schema.of("blobs", Codec.bytes());
  private static final int LIMIT = 10_000;

  /** A test backend whose commits carry at most {@link #LIMIT} value bytes, and that checks it. */
  private static final class BoundedBackend extends TestBackend {
    int largestCommit;

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().maxValueBytes(4_000).maxCommitBytes(LIMIT).build();
    }

    @Override
    public long commit(String namespace, dev.cairn.spi.CommitRequest request) {
      int bytes = request.writes().stream().mapToInt(w -> w.isDelete() ? 0 : w.value().length).sum();
      assertTrue(bytes <= LIMIT, "a commit of " + bytes + " value bytes reached the backend");
      largestCommit = Math.max(largestCommit, bytes);
      return super.commit(namespace, request);
    }
  }

  @Test
  void aBatchSplitsUnderTheLimit() {
    BoundedBackend backend = new BoundedBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      BatchResult result = store.batch(batch -> {
        for (int i = 0; i < 20; i++) {
          String id = "b" + i;
          batch.update(tx -> tx.put(BLOBS, id, new byte[3_000]));
        }
      });
      assertEquals(20, result.changes());
      assertTrue(result.transactions() >= 6, "20 × 3,000 bytes need at least 6 commits of 10,000: " + result);
      assertEquals(20, store.view(tx -> tx.listAll(BLOBS)).size());
    }
  }

  @Test
  void aTransactionOverTheLimitIsRefusedAndWritesNothing() {
    BoundedBackend backend = new BoundedBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      TooLargeException e = assertThrows(TooLargeException.class, () -> store.update(tx -> {
        for (int i = 0; i < 4; i++) {
          tx.put(BLOBS, "t" + i, new byte[3_000]);
        }
      }));
      assertTrue(e.getMessage().contains(String.valueOf(LIMIT)), e.getMessage());
      assertEquals(0, store.view(tx -> tx.listAll(BLOBS)).size());
    }
  }

  @Test
  void aDocumentIsWrittenInCommitsUnderTheLimit() {
    BoundedBackend backend = new BoundedBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      DocumentStore<byte[]> documents = DocumentStore.of(store, "state", Codec.bytes());
      byte[] state = new byte[50_000];
      Arrays.fill(state, (byte) 7);
      documents.create("d", state);
      assertTrue(Arrays.equals(state, documents.get("d").orElseThrow()));
      assertTrue(backend.largestCommit > 0 && backend.largestCommit <= LIMIT);
    }
  }

  @Test
  void theLimitCannotBeBelowTheLargestValue() {
    assertThrows(InvalidArgumentException.class,
        () -> Capabilities.builder().maxValueBytes(100).maxCommitBytes(99).build());
    assertEquals(Long.MAX_VALUE, Capabilities.builder().build().maxCommitBytes());
  }
}
