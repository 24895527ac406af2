package dev.cairn.tck;

import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Transaction;
import dev.cairn.document.DocumentOperator;
import dev.cairn.document.DocumentStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** States, operators and counts the documents area works with. */
final class DocumentFixtures {
  static final int KIB = 1 << 10;
  static final int MIB = 1 << 20;

  /** A counter as decimal UTF-8: the state of the counting tests. */
  static final Codec<Long> COUNTER = new Codec<>() {
    @Override public byte[] encode(Long value) {
      return Long.toString(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override public Long decode(byte[] bytes) {
      return Long.parseLong(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override public String toString() {
      return "DocumentFixtures.COUNTER";
    }
  };

  private DocumentFixtures() {}

  /** Returns {@code size} bytes of a seeded pseudo-random pattern. */
  static byte[] pattern(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Returns {@code size} bytes all equal to {@code (byte) value}. */
  static byte[] filled(int size, long value) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** Returns ceil(size / chunk). */
  static int chunksFor(long size, int chunk) {
    return (int) ((size + chunk - 1) / chunk);
  }

  /** Counts the records of the kind's chunk collection through a public schema. */
  static int chunkCount(Store store, DocumentStore<?> docs) {
    Schema<byte[]> chunks = Schema.of(docs.chunkCollection(), Codec.bytes());
    return store.view(tx -> tx.listAll(chunks)).size();
  }

  /** Waits for every future, failing the test with the first failure. */
  static void awaitAll(Iterable<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("concurrent work failed", e);
      }
    }
  }

  /** Shuts an executor down and waits for it, bounded. */
  static void shutdown(ExecutorService executor) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Increments a counter state and counts its phases; its commit writes an outbox record
   * {@code outbox-<tag>-<next>} to {@link Task#PLAIN}, so a second landing would show.
   */
  static class Increment implements DocumentOperator<Long> {
    final AtomicInteger modifies = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger finishes = new AtomicInteger();
    private final String tag;
    private final Runnable duringFirstModify;

    Increment(String tag, Runnable duringFirstModify) {
      this.tag = tag;
      this.duringFirstModify = duringFirstModify;
    }

    Increment(String tag) {
      this(tag, () -> { });
    }

    @Override
    public Long modify(Long current) {
      if (modifies.incrementAndGet() == 1) {
        duringFirstModify.run();
      }
      return current + 1;
    }

    @Override
    public void commit(Transaction tx, Long next) {
      commits.incrementAndGet();
      tx.create(Task.PLAIN, "outbox-" + tag + "-" + next, "sent " + next);
    }

    @Override
    public void finish(Long next) {
      finishes.incrementAndGet();
    }
  }
}
