package dev.cairn.bench;

import dev.cairn.By;
import dev.cairn.Entry;
import dev.cairn.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An exact secondary-index lookup returning the 100 records on one node: Cairn's find beside
 * a raw map of node to sorted ids plus a ConcurrentHashMap of records, decoding the same values.
 */
@State(Scope.Benchmark)
public class IndexLookupBenchmark {
  private Store store;
  private final ConcurrentHashMap<String, byte[]> records = new ConcurrentHashMap<>();
  private final Map<String, TreeSet<String>> index = new HashMap<>();

  /** Loads 10,000 records on 100 nodes into each. */
  @Setup(Level.Trial)
  public void load() {
    store = Fixtures.openLoaded("memory:", (id, c) -> {
      records.put(id, Fixtures.CODEC.encode(c));
      index.computeIfAbsent(c.nodeKey(), k -> new TreeSet<>()).add(id);
    });
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  private static String randomNode() {
    return "node-" + ThreadLocalRandom.current().nextInt(Fixtures.NODES);
  }

  /** Cairn: find by exact index key, in a view. */
  @Benchmark
  public List<Entry<Fixtures.Counter>> cairn() {
    String node = randomNode();
    return store.view(tx -> tx.find(Fixtures.COUNTERS, By.exact("node", node)));
  }

  /** Raw: look the ids up in the index map, fetch and decode each record. */
  @Benchmark
  public List<Fixtures.Counter> raw() {
    TreeSet<String> ids = index.get(randomNode());
    List<Fixtures.Counter> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(Fixtures.CODEC.decode(records.get(id)));
    }
    return out;
  }
}
