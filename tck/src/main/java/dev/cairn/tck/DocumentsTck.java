package dev.cairn.tck;

import static dev.cairn.tck.DocumentFixtures.KIB;
import static dev.cairn.tck.DocumentFixtures.MIB;
import static dev.cairn.tck.DocumentFixtures.chunkCount;
import static dev.cairn.tck.DocumentFixtures.chunksFor;
import static dev.cairn.tck.DocumentFixtures.filled;
import static dev.cairn.tck.DocumentFixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.AlreadyExistsException;
import dev.cairn.Codec;
import dev.cairn.CorruptedException;
import dev.cairn.Entry;
import dev.cairn.InvalidArgumentException;
import dev.cairn.NotFoundException;
import dev.cairn.Schema;
import dev.cairn.Transaction;
import dev.cairn.document.Document;
import dev.cairn.document.DocumentOperator;
import dev.cairn.document.DocumentStore;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Large state documents: chunked, generation-checked, cached, cleaned. */
public interface DocumentsTck extends TckArea {

  /** Returns a document store of byte states with chunks of at most {@code chunkBytes}. */
  private DocumentStore<byte[]> bytesDocs(int chunkBytes) {
    return DocumentStore.builder(store(), "state", Codec.bytes()).maxChunkBytes(chunkBytes).build();
  }

  /** Returns a document store of counters with the default options. */
  private DocumentStore<Long> counters() {
    return DocumentStore.of(store(), "counter", DocumentFixtures.COUNTER);
  }

  /** A 3 MiB state round-trips through create, a run and a fresh instance's load. */
  @Test
  default void threeMebibyteStateRoundTrips() {
    DocumentStore<byte[]> docs = bytesDocs(256 * KIB);
    byte[] first = pattern(3 * MIB, 1);
    docs.create("pool", first);
    assertArrayEquals(first, docs.open("pool").get());
    byte[] second = pattern(3 * MIB, 2);
    assertEquals(2, docs.open("pool").run(current -> second));
    Document<byte[]> fresh = docs.open("pool");
    assertArrayEquals(second, fresh.get());
    assertEquals(2, fresh.generation());
    assertArrayEquals(second, docs.get("pool").orElseThrow());
  }

  /** A 20 MiB state round-trips, in ceil(20 MiB / payload) chunks where the payload follows the backend's value limit. */
  @Test
  default void twentyMebibyteStateRoundTripsInChunksOfTheValueLimit() {
    DocumentStore<byte[]> docs = DocumentStore.of(store(), "state", Codec.bytes());
    long payload = Math.min(store().capabilities().maxValueBytes(), DocumentStore.DEFAULT_MAX_CHUNK_BYTES);
    assertEquals(payload, docs.chunkBytes());
    byte[] state = pattern(20 * MIB, 20);
    docs.create("big", state);
    assertEquals(chunksFor(state.length, docs.chunkBytes()), chunkCount(store(), docs));
    assertArrayEquals(state, docs.open("big").get());
  }

  /** With a chunk cap, a 3 MiB state takes exactly ceil(3 MiB / cap) chunks per generation. */
  @Test
  default void chunkCountFollowsTheCap() {
    DocumentStore<byte[]> docs = bytesDocs(64 * KIB);
    docs.create("pool", pattern(3 * MIB, 3));
    assertEquals(48, chunkCount(store(), docs));
    docs.shared("pool").run(current -> pattern(3 * MIB + 1, 4));
    assertEquals(48 + 49, chunkCount(store(), docs), "the new generation's chunks beside the retained one's");
  }

  /** Creating an existing document fails with AlreadyExists and leaves it unchanged. */
  @Test
  default void createTwiceFails() {
    DocumentStore<Long> docs = counters();
    docs.create("c", 1L);
    assertThrows(AlreadyExistsException.class, () -> docs.create("c", 2L));
    assertEquals(1L, docs.open("c").get());
    assertEquals(1, docs.open("c").generation());
  }

  /** An absent document reads as empty, and deleting, loading or running it fails with NotFound. */
  @Test
  default void absentDocumentIsNotFound() {
    DocumentStore<Long> docs = counters();
    assertEquals(Optional.empty(), docs.get("nope"));
    assertThrows(NotFoundException.class, () -> docs.delete("nope"));
    assertThrows(NotFoundException.class, () -> docs.shared("nope").get());
    assertThrows(NotFoundException.class, () -> docs.open("nope").generation());
    DocumentFixtures.Increment op = new DocumentFixtures.Increment("x");
    assertThrows(NotFoundException.class, () -> docs.open("nope").run(op));
    assertEquals(0, op.modifies.get());
    assertEquals(0, chunkCount(store(), docs));
  }

  /** Delete removes the pointer and every chunk of every generation and attempt, and no other document's. */
  @Test
  default void deleteRemovesThePointerAndEveryChunk() {
    DocumentStore<byte[]> docs = bytesDocs(KIB);
    docs.create("a/b", pattern(3 * KIB, 5));
    int others = chunkCount(store(), docs);
    docs.create("a", pattern(10 * KIB, 6));
    docs.shared("a").run(current -> pattern(10 * KIB, 7));
    assertThrows(IllegalStateException.class, () -> docs.shared("a").run(new DocumentOperator<>() {
      @Override public byte[] modify(byte[] current) {
        return pattern(10 * KIB, 8);
      }

      @Override public void commit(Transaction tx, byte[] next) {
        throw new IllegalStateException("crash before the swap");
      }
    }));
    assertEquals(others + 30, chunkCount(store(), docs), "two generations and one orphan attempt");
    docs.delete("a");
    assertEquals(Optional.empty(), docs.get("a"));
    assertThrows(NotFoundException.class, () -> docs.open("a").get());
    assertEquals(List.of("a/b"), docs.list());
    assertEquals(others, chunkCount(store(), docs));
    assertArrayEquals(pattern(3 * KIB, 5), docs.open("a/b").get());
  }

  /** list returns every document id of the kind, in id order, and nothing of another kind. */
  @Test
  default void listReturnsEveryDocumentOfTheKind() {
    DocumentStore<Long> docs = counters();
    DocumentStore<Long> others = DocumentStore.of(store(), "other", DocumentFixtures.COUNTER);
    assertEquals(List.of(), docs.list());
    docs.create("b", 1L);
    docs.create("a/b", 1L);
    docs.create("a", 1L);
    others.create("z", 1L);
    assertEquals(List.of("a", "a/b", "b"), docs.list());
    docs.delete("b");
    assertEquals(List.of("a", "a/b"), docs.list());
    assertEquals(List.of("z"), others.list());
  }

  /** shared returns one instance per id; open returns a new independent instance each time. */
  @Test
  default void sharedIsOneInstancePerIdAndOpenIsNew() {
    DocumentStore<Long> docs = counters();
    Document<Long> created = docs.create("c", 0L);
    assertSame(created, docs.shared("c"));
    assertSame(docs.shared("c"), docs.shared("c"));
    assertFalse(docs.open("c") == docs.open("c"));
    assertFalse(docs.open("c") == docs.shared("c"));
    assertEquals("c", docs.open("c").id());
  }

  /** Two independent instances running in turn lose no update: each reloads what the other wrote. */
  @Test
  default void twoInstancesAlternatingLoseNoUpdate() {
    DocumentStore<Long> docs = counters();
    docs.create("c", 0L);
    Document<Long> a = docs.open("c");
    Document<Long> b = docs.open("c");
    for (int i = 0; i < 10; i++) {
      assertEquals(2 * i + 2, a.run(current -> current + 1));
      assertEquals(2L * i + 1, b.get(), "b reloads what a wrote");
      assertEquals(2 * i + 3, b.run(current -> current + 1));
      assertEquals(2L * i + 2, a.get(), "a reloads what b wrote");
    }
    assertEquals(20L, docs.open("c").get());
    assertEquals(21, docs.open("c").generation());
  }

  /** Ten instances each running ten increments concurrently apply exactly 100 modifications, commits and finishes. */
  @Test
  default void concurrentInstancesApplyEveryRunOnce() throws Exception {
    DocumentStore<Long> docs = counters();
    docs.create("c", 0L);
    int writers = 10;
    int runs = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<DocumentFixtures.Increment> ops = new ArrayList<>();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        Document<Long> instance = docs.open("c");
        String tag = "w" + w;
        futures.add(pool.submit(() -> {
          assertTrue(start.await(30, TimeUnit.SECONDS));
          for (int r = 0; r < runs; r++) {
            DocumentFixtures.Increment op = new DocumentFixtures.Increment(tag);
            synchronized (ops) {
              ops.add(op);
            }
            instance.run(op);
          }
          return null;
        }));
      }
      start.countDown();
      DocumentFixtures.awaitAll(futures);
    } finally {
      DocumentFixtures.shutdown(pool);
    }
    assertEquals(100L, docs.open("c").get());
    assertEquals(101, docs.open("c").generation());
    assertEquals(100, ops.stream().mapToInt(op -> op.finishes.get()).sum());
    assertEquals(100, store().view(tx -> tx.listAll(Task.PLAIN)).size(), "one outbox record per committed run");
  }

  /** Under a conflict, modify runs again, the commit's outbox write lands once and finish runs once. */
  @Test
  default void commitLandsOnceAndFinishRunsOnceUnderConflict() {
    DocumentStore<Long> docs = counters();
    docs.create("c", 0L);
    Document<Long> other = docs.open("c");
    DocumentFixtures.Increment op = new DocumentFixtures.Increment("a", () -> other.run(current -> current + 10));
    assertEquals(3, docs.open("c").run(op));
    assertEquals(2, op.modifies.get(), "modify ran again after the other writer committed");
    assertEquals(1, op.finishes.get());
    assertEquals(11L, docs.open("c").get());
    List<Entry<String>> outbox = store().view(tx -> tx.listAll(Task.PLAIN));
    assertEquals(1, outbox.size());
    assertEquals("outbox-a-11", outbox.get(0).id());
  }

  /**
   * A writer committing between the swap's pointer read and its commit makes the swap conflict:
   * the run starts again from the new state, and only the last commit's outbox write lands.
   */
  @Test
  default void swapThatConflictsAtCommitRetriesFromTheNewState() {
    DocumentStore<Long> docs = counters();
    docs.create("c", 0L);
    Document<Long> other = docs.open("c");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    AtomicInteger commits = new AtomicInteger();
    DocumentFixtures.Increment op = new DocumentFixtures.Increment("a") {
      @Override public void commit(Transaction tx, Long next) {
        if (commits.incrementAndGet() == 1) {
          TransactionsTck.concurrently(executor, () -> other.run(current -> current + 10));
        }
        super.commit(tx, next);
      }
    };
    try {
      assertEquals(3, docs.open("c").run(op));
    } finally {
      DocumentFixtures.shutdown(executor);
    }
    assertEquals(11L, docs.open("c").get(), "the run applied its increment on top of the other writer's");
    assertEquals(2, op.modifies.get());
    assertEquals(1, op.finishes.get());
    List<Entry<String>> outbox = store().view(tx -> tx.listAll(Task.PLAIN));
    assertEquals(List.of("outbox-a-11"), outbox.stream().map(Entry::id).toList());
  }

  /** A reader concurrent with a writer only ever sees whole states (every byte equal to the generation). */
  @Test
  default void concurrentReaderSeesOnlyWholeStates() throws Exception {
    assertOnlyWholeStatesSeen(bytesDocs(KIB), false);
  }

  /** Readers and writers beside repeated cleans never fail, never see a mix of generations, and a lone writer never redoes a run. */
  @Test
  default void cleanNeverBreaksConcurrentReadersOrWriters() throws Exception {
    DocumentStore<byte[]> docs = DocumentStore.builder(store(), "state", Codec.bytes()).maxChunkBytes(KIB)
        .retainedGenerations(1).build();
    assertOnlyWholeStatesSeen(docs, true);
    docs.clean();
    assertEquals(2 * 200, chunkCount(store(), docs), "the current and one retained generation after the last clean");
  }

  private void assertOnlyWholeStatesSeen(DocumentStore<byte[]> docs, boolean withCleaner) throws Exception {
    int size = 200 * KIB;
    int generations = 30;
    docs.create("s", filled(size, 1));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger modifies = new AtomicInteger();
    try {
      Future<?> writer = pool.submit(() -> {
        Document<byte[]> w = docs.open("s");
        try {
          for (int g = 2; g <= generations; g++) {
            long gen = g;
            assertEquals(gen, w.run(current -> {
              modifies.incrementAndGet();
              return filled(size, gen);
            }));
          }
        } finally {
          done.set(true);
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        Document<byte[]> r = docs.open("s");
        int last = 1;
        while (!done.get() || reads.get() == 0) {
          byte[] state = r.get();
          assertEquals(size, state.length);
          int first = state[0];
          for (int i = 0; i < state.length; i++) {
            if (state[i] != first) {
              throw new AssertionError("mixed state: byte " + i + " is " + state[i] + ", byte 0 is " + first);
            }
          }
          assertTrue(first >= last, "generations only move forward: " + first + " after " + last);
          last = first;
          reads.incrementAndGet();
        }
        return null;
      });
      Future<?> cleaner = pool.submit(() -> {
        while (withCleaner && !done.get()) {
          docs.clean();
        }
        return null;
      });
      DocumentFixtures.awaitAll(List.of(writer, reader, cleaner));
    } finally {
      DocumentFixtures.shutdown(pool);
    }
    assertTrue(reads.get() > 0);
    assertEquals(generations - 1, modifies.get(), "a lone writer never redoes a run: a clean spares chunks in flight");
    assertArrayEquals(filled(size, generations), docs.open("s").get());
  }

  /** A modify that throws propagates and leaves the state, the generation and the chunks unchanged. */
  @Test
  default void modifyThatThrowsChangesNothing() {
    DocumentStore<byte[]> docs = bytesDocs(KIB);
    docs.create("s", pattern(4 * KIB, 9));
    int chunks = chunkCount(store(), docs);
    AtomicInteger finishes = new AtomicInteger();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> docs.shared("s").run(
        new DocumentOperator<>() {
          @Override public byte[] modify(byte[] current) {
            throw new IllegalStateException("refused");
          }

          @Override public void finish(byte[] next) {
            finishes.incrementAndGet();
          }
        }));
    assertEquals("refused", thrown.getMessage());
    assertEquals(0, finishes.get());
    assertArrayEquals(pattern(4 * KIB, 9), docs.open("s").get());
    assertEquals(1, docs.open("s").generation());
    assertEquals(chunks, chunkCount(store(), docs));
  }

  /** After 200 runs, clean deletes exactly the generations beyond the default margin of 100 and keeps the state. */
  @Test
  default void cleanAfterTwoHundredRunsKeepsTheStateAndTheMargin() {
    DocumentStore<Long> docs = counters();
    assertEquals(100, docs.retainedGenerations());
    docs.create("c", 0L);
    Document<Long> c = docs.shared("c");
    for (int i = 0; i < 200; i++) {
      c.run(current -> current + 1);
    }
    assertEquals(201, chunkCount(store(), docs));
    assertEquals(100, docs.clean(), "generations 1 to 100 are beyond the margin");
    assertEquals(101, chunkCount(store(), docs), "the current generation and the 100 before it");
    assertEquals(200L, docs.open("c").get());
    assertEquals(0, docs.clean());
  }

  /** A configured margin of 3 keeps the current generation and the 3 before it. */
  @Test
  default void cleanHonoursAConfiguredMargin() {
    DocumentStore<byte[]> docs = DocumentStore.builder(store(), "state", Codec.bytes()).maxChunkBytes(KIB)
        .retainedGenerations(3).build();
    docs.create("s", filled(2 * KIB, 1));
    for (int g = 2; g <= 10; g++) {
      long gen = g;
      docs.shared("s").run(current -> filled(2 * KIB, gen));
    }
    assertEquals(6 * 2, docs.clean());
    assertEquals(4 * 2, chunkCount(store(), docs));
    assertArrayEquals(filled(2 * KIB, 10), docs.open("s").get());
  }

  /** A crash between the chunk writes and the pointer swap loses nothing; clean then removes exactly the orphans. */
  @Test
  default void crashBeforeThePointerSwapLosesNothing() {
    DocumentStore<byte[]> docs = bytesDocs(64 * KIB);
    byte[] state = pattern(256 * KIB, 10);
    docs.create("s", state);
    AtomicInteger finishes = new AtomicInteger();
    assertThrows(IllegalStateException.class, () -> docs.shared("s").run(new DocumentOperator<>() {
      @Override public byte[] modify(byte[] current) {
        return pattern(256 * KIB, 11);
      }

      @Override public void commit(Transaction tx, byte[] next) {
        tx.create(Task.PLAIN, "outbox", "never");
        throw new IllegalStateException("crash");
      }

      @Override public void finish(byte[] next) {
        finishes.incrementAndGet();
      }
    }));
    assertEquals(0, finishes.get());
    assertArrayEquals(state, docs.open("s").get());
    assertArrayEquals(state, docs.shared("s").get());
    assertEquals(1, docs.open("s").generation());
    assertEquals(Optional.empty(), store().view(tx -> tx.get(Task.PLAIN, "outbox")));
    assertEquals(8, chunkCount(store(), docs), "the live chunks and the orphans");
    assertEquals(4, docs.clean());
    assertEquals(4, chunkCount(store(), docs));
    assertArrayEquals(state, docs.open("s").get());
    assertEquals(2, docs.shared("s").run(current -> pattern(256 * KIB, 12)));
    assertArrayEquals(pattern(256 * KIB, 12), docs.open("s").get());
  }

  /** A chunk whose bytes changed behind the pointer fails the load with Corrupted naming the document and generation. */
  @Test
  default void damagedChunkIsCorrupted() {
    DocumentStore<byte[]> docs = bytesDocs(KIB);
    docs.create("s", pattern(2 * KIB, 13));
    Schema<byte[]> chunks = Schema.of(docs.chunkCollection(), Codec.bytes());
    store().update(tx -> {
      Entry<byte[]> first = tx.listAll(chunks).get(0);
      byte[] damaged = first.value().clone();
      damaged[7] ^= 1;
      tx.update(chunks, first.id(), damaged);
    });
    CorruptedException e = assertThrows(CorruptedException.class, () -> docs.open("s").get());
    assertTrue(e.getMessage().contains("state/s") && e.getMessage().contains("generation 1"), e.getMessage());
  }

  /** Invalid kinds, ids, states, options and a modify returning null fail with InvalidArgument. */
  @Test
  default void badInputIsInvalidArgument() {
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.of(store(), "Pool", Codec.bytes()));
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.of(store(), "p".repeat(52), Codec.bytes()));
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.of(store(), null, Codec.bytes()));
    long limit = store().capabilities().maxValueBytes();
    if (limit < Integer.MAX_VALUE) {
      assertThrows(InvalidArgumentException.class, () -> DocumentStore.builder(store(), "p", Codec.bytes())
          .maxChunkBytes((int) limit + 1).build());
    }
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.builder(store(), "p", Codec.bytes())
        .maxChunkBytes(0));
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.builder(store(), "p", Codec.bytes())
        .retainedGenerations(-1));
    InvalidArgumentException pointerTooLarge = assertThrows(InvalidArgumentException.class,
        () -> DocumentStore.builder(store(), "p", Codec.bytes()).retainedGenerations(Integer.MAX_VALUE).build());
    assertTrue(pointerTooLarge.getMessage().contains("fits at most"), pointerTooLarge.getMessage());
    assertThrows(InvalidArgumentException.class, () -> DocumentStore.builder(store(), "p", Codec.bytes())
        .inFlightGrace(Duration.ofMillis(-1)));
    DocumentStore<Long> docs = counters();
    assertThrows(InvalidArgumentException.class, () -> docs.create("", 1L));
    assertThrows(InvalidArgumentException.class, () -> docs.create("x".repeat(DocumentStore.MAX_ID_BYTES + 1), 1L));
    assertThrows(InvalidArgumentException.class, () -> docs.get("nul\0"));
    assertThrows(InvalidArgumentException.class, () -> docs.create("n", null));
    String longest = "x".repeat(DocumentStore.MAX_ID_BYTES);
    docs.create(longest, 1L);
    assertEquals(2, docs.shared(longest).run(current -> current + 1));
    assertEquals(2L, docs.open(longest).get());
    assertThrows(InvalidArgumentException.class, () -> docs.shared(longest).run(current -> null));
    assertEquals(2, docs.open(longest).generation());
    assertEquals(List.of(longest), docs.list());
  }
}
