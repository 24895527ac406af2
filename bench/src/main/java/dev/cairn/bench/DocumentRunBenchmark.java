package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.document.Document;
import dev.cairn.document.DocumentStore;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A run of a 20 MiB state document on {@code memory:} (cached load, modify changing a few
 * bytes, encode, CRC32C, new chunks, generation-checked pointer swap, and every 16th run a
 * {@code clean()}), beside the raw baseline: the same chunk-sized byte arrays, changed in place
 * and written with plain {@code store.update(tx -> tx.put(...))}, one chunk per transaction as
 * the document writes them (no pointer, no checksum, no cache, no copy of the state).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DocumentRunBenchmark {
  private static final int STATE_BYTES = 20 << 20;
  private static final int CLEAN_EVERY = 16;
  private static final Schema<byte[]> RAW = Schema.of("raw-chunks", Codec.bytes());
  /** Values as they are, uncopied: what Cairn's chunk writes use. */
  private static final Codec<byte[]> AS_IS = new Codec<>() {
    @Override public byte[] encode(byte[] value) {
      return value;
    }

    @Override public byte[] decode(byte[] bytes) {
      return bytes;
    }
  };
  private static final Schema<byte[]> RAW_AS_IS = Schema.of("raw-cow-chunks", AS_IS);

  private Store store;
  private DocumentStore<byte[]> docs;
  private Document<byte[]> doc;
  private byte[][] rawChunks;
  private String[] rawIds;
  private byte[] rawState;
  private int runs;

  /** Creates the document and the raw chunks; history is kept short so old values are freed. */
  @Setup(Level.Trial)
  public void open() {
    store = Cairn.open("memory:?retention=8");
    docs = DocumentStore.builder(store, "bench", Codec.bytes()).retainedGenerations(2).build();
    byte[] state = new byte[STATE_BYTES];
    new Random(1).nextBytes(state);
    doc = docs.create("pool", state);
    int chunk = docs.chunkBytes();
    int count = (STATE_BYTES + chunk - 1) / chunk;
    rawChunks = new byte[count][];
    rawIds = new String[count];
    for (int i = 0; i < count; i++) {
      rawChunks[i] = Arrays.copyOfRange(state, i * chunk, Math.min(STATE_BYTES, (i + 1) * chunk));
      rawIds[i] = "pool-" + i;
    }
    rawState = state;
    raw();
    rawCopyOnWrite();
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** Cairn: one document run; modify copies the state and changes a few bytes (it must not change its input). */
  @Benchmark
  public long cairn() {
    int at = runs++;
    long generation = doc.run(current -> {
      byte[] next = current.clone();
      for (int i = 0; i < 8; i++) {
        next[(at * 7919 + i * 2_621_447) % STATE_BYTES]++;
      }
      return next;
    });
    if (at % CLEAN_EVERY == 0) {
      docs.clean();
    }
    return generation;
  }

  /** Raw: the same bytes changed in place and the chunk arrays written with plain puts. */
  @Benchmark
  public long raw() {
    int at = runs++;
    int chunk = rawChunks[0].length;
    for (int i = 0; i < 8; i++) {
      int pos = (at * 7919 + i * 2_621_447) % STATE_BYTES;
      rawChunks[pos / chunk][pos % chunk]++;
    }
    long revision = 0;
    for (int i = 0; i < rawChunks.length; i++) {
      byte[] bytes = rawChunks[i];
      String id = rawIds[i];
      revision = store.update(tx -> tx.put(RAW, id, bytes));
    }
    return revision;
  }

  /**
   * Raw, moving the same bytes as the Cairn run: the same modify (a copy of the state with a few
   * bytes changed), cut into the same chunk arrays and put uncopied, one chunk per transaction;
   * what is left out is Cairn's framing (pointer swap, CRC32C, attempt records, cache, clean).
   */
  @Benchmark
  public long rawCopyOnWrite() {
    int at = runs++;
    byte[] next = rawState.clone();
    for (int i = 0; i < 8; i++) {
      next[(at * 7919 + i * 2_621_447) % STATE_BYTES]++;
    }
    rawState = next;
    int chunk = rawChunks[0].length;
    long revision = 0;
    for (int i = 0; i < rawChunks.length; i++) {
      byte[] bytes = Arrays.copyOfRange(next, i * chunk, Math.min(STATE_BYTES, (i + 1) * chunk));
      String id = rawIds[i];
      revision = store.update(tx -> tx.put(RAW_AS_IS, id, bytes));
    }
    return revision;
  }
}
