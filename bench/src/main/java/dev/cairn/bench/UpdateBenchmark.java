package dev.cairn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A single-record read-modify-write transaction: Cairn's serializable update beside raw maps
 * doing the same read, decode, increment, encode and write.
 */
@State(Scope.Benchmark)
public class UpdateBenchmark extends MapsAndStore {
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
