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

/** A point read by id: Cairn's view over the memory backend beside raw maps holding the same values. */
@State(Scope.Benchmark)
public class PointReadBenchmark {
  private Store store;
  private final ConcurrentHashMap<String, byte[]> chm = new ConcurrentHashMap<>();
  private final Map<String, byte[]> locked = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Loads 10,000 records into each. */
  @Setup(Level.Trial)
  public void load() {
    store = Fixtures.openLoaded("memory:", (id, c) -> {
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
