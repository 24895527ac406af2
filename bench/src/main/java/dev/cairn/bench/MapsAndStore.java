package dev.cairn.bench;

import dev.cairn.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state of the point-read and update benchmarks: a Cairn store and the two raw baselines
 * (a ConcurrentHashMap, a lock-guarded HashMap) holding the same 10,000 encoded counters.
 */
abstract class MapsAndStore {
  Store store;
  final ConcurrentHashMap<String, byte[]> chm = new ConcurrentHashMap<>();
  final Map<String, byte[]> locked = new HashMap<>();
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Loads the records; history is kept short, as in a long-running store. */
  @Setup(Level.Trial)
  public void load() {
    store = Fixtures.openLoaded("memory:?retention=10000", (id, c) -> {
      chm.put(id, Fixtures.CODEC.encode(c));
      locked.put(id, Fixtures.CODEC.encode(c));
    });
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  static String randomId() {
    return Fixtures.IDS[ThreadLocalRandom.current().nextInt(Fixtures.RECORDS)];
  }
}
