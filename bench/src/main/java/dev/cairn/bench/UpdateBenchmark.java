package dev.cairn.bench;

import dev.cairn.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A single-record read-modify-write transaction: Cairn's serializable update beside raw maps
 * doing the same read, decode, increment, encode and write.
 */
@State(Scope.Benchmark)
public class UpdateBenchmark {
  private Store store;
  private final ConcurrentHashMap<String, byte[]> chm = new ConcurrentHashMap<>();
  private final Map<String, byte[]> locked = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Loads 10,000 records into each; history is kept short, as a long-running store would. */
  @Setup(Level.Trial)
  public void load() {
    store = Fixtures.openLoaded("memory:?retention=10000", (id, c) -> {
      chm.put(id, Fixtures.CODEC.encode(c));
      locked.put(id, Fixtures.CODEC.encode(c));
    });
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  private static String randomId() {
    return Fixtures.IDS[ThreadLocalRandom.current().nextInt(Fixtures.RECORDS)];
  }

  private static byte[] increment(byte[] bytes) {
    Fixtures.Counter c = Fixtures.CODEC.decode(bytes);
    return Fixtures.CODEC.encode(new Fixtures.Counter(c.value() + 1, c.node()));
  }

  /** Cairn: read, increment, update, commit (serializable, indexed, change feed appended). */
  @Benchmark
  public long cairn() {
    String id = randomId();
    return store.update(tx -> {
      Fixtures.Counter c = tx.get(Fixtures.COUNTERS, id).orElseThrow().value();
      tx.update(Fixtures.COUNTERS, id, new Fixtures.Counter(c.value() + 1, c.node()));
    });
  }

  /** Raw: a write-locked HashMap get and put. */
  @Benchmark
  public byte[] rawLockedHashMap() {
    String id = randomId();
    lock.writeLock().lock();
    try {
      byte[] next = increment(locked.get(id));
      locked.put(id, next);
      return next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Raw: ConcurrentHashMap.compute. */
  @Benchmark
  public byte[] rawConcurrentHashMap() {
    return chm.compute(randomId(), (k, v) -> increment(v));
  }
}
