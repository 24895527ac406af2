package dev.cairn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A point read by id: Cairn's view over the memory backend beside raw maps holding the same values. */
@State(Scope.Benchmark)
public class PointReadBenchmark extends MapsAndStore {
  /** Cairn: a view reading one record and decoding it. */
  @Benchmark
  public Fixtures.Counter cairn() {
    String id = randomId();
    return store.view(tx -> tx.get(Fixtures.COUNTERS, id)).orElseThrow().value();
  }

  /** Raw: ConcurrentHashMap.get and the same decoding. */
  @Benchmark
  public Fixtures.Counter rawConcurrentHashMap() {
    return Fixtures.CODEC.decode(chm.get(randomId()));
  }

  /** Raw: a read-locked HashMap.get and the same decoding. */
  @Benchmark
  public Fixtures.Counter rawLockedHashMap() {
    String id = randomId();
    lock.readLock().lock();
    try {
      return Fixtures.CODEC.decode(locked.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }
}
