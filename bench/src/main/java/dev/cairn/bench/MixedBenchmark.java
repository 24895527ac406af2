package dev.cairn.bench;

import dev.cairn.Store;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * 90% point reads, 10% single-record updates, on 1 and on 8 threads: how Cairn's throughput
 * scales beside a raw ConcurrentHashMap doing the same mix.
 */
@State(Scope.Benchmark)
public class MixedBenchmark {
  private Store store;
  private final ConcurrentHashMap<String, byte[]> chm = new ConcurrentHashMap<>();

  /** Loads 10,000 records into each. */
  @Setup(Level.Trial)
  public void load() {
    store = Fixtures.openLoaded("memory:?retention=10000", (id, c) -> {
      chm.put(id, Fixtures.CODEC.encode(c));
    });
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  private Object cairnOp() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = Fixtures.IDS[random.nextInt(Fixtures.RECORDS)];
    if (random.nextInt(10) != 0) {
      return store.view(tx -> tx.get(Fixtures.COUNTERS, id)).orElseThrow().value();
    }
    return store.update(tx -> {
      Fixtures.Counter c = tx.get(Fixtures.COUNTERS, id).orElseThrow().value();
      tx.update(Fixtures.COUNTERS, id, new Fixtures.Counter(c.value() + 1, c.node()));
    });
  }

  private Object rawOp() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String id = Fixtures.IDS[random.nextInt(Fixtures.RECORDS)];
    if (random.nextInt(10) != 0) {
      return Fixtures.CODEC.decode(chm.get(id));
    }
    return chm.compute(id, (k, v) -> {
      Fixtures.Counter c = Fixtures.CODEC.decode(v);
      return Fixtures.CODEC.encode(new Fixtures.Counter(c.value() + 1, c.node()));
    });
  }

  /** Cairn, one thread. */
  @Benchmark
  @Threads(1)
  public Object cairn1Thread() {
    return cairnOp();
  }

  /** Cairn, eight threads. */
  @Benchmark
  @Threads(8)
  public Object cairn8Threads() {
    return cairnOp();
  }

  /** Raw ConcurrentHashMap, one thread. */
  @Benchmark
  @Threads(1)
  public Object raw1Thread() {
    return rawOp();
  }

  /** Raw ConcurrentHashMap, eight threads. */
  @Benchmark
  @Threads(8)
  public Object raw8Threads() {
    return rawOp();
  }
}
