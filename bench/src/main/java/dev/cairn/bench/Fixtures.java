package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The data every benchmark uses: counters keyed by id, each on one of 100 nodes. Public for the
 * benchmarks of other packages ({@code dev.cairn.bench.jdbc}).
 */
public final class Fixtures {
  /** How many counters a loaded store holds. */
  public static final int RECORDS = 10_000;
  /** How many nodes the counters are spread over. */
  public static final int NODES = 100;

  /**
   * A counter and the node it is placed on.
   *
   * @param value the count
   * @param node the node
   */
  public record Counter(long value, int node) {
    String nodeKey() {
      return "node-" + node;
    }
  }

  /** Encodes a counter in 12 bytes: the value, then the node. */
  public static final Codec<Counter> CODEC = new Codec<>() {
    @Override public byte[] encode(Counter c) {
      return ByteBuffer.allocate(12).putLong(c.value).putInt(c.node).array();
    }

    @Override public Counter decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Counter(b.getLong(), b.getInt());
    }
  };

  /** The counters collection, indexed by node. */
  public static final Schema<Counter> COUNTERS = Schema.builder("counters", CODEC)
      .index("node", c -> List.of(c.nodeKey()))
      .build();

  /** The ids of the counters, {@code counter-0} to {@code counter-9999}; do not modify. */
  public static final String[] IDS = new String[RECORDS];

  static {
    for (int i = 0; i < RECORDS; i++) {
      IDS[i] = "counter-" + i;
    }
  }

  private Fixtures() {}

  /**
   * Opens a store at {@code uri} holding {@link #RECORDS} counters (counter i has value i, on
   * node i % {@link #NODES}), handing each one to {@code alsoRaw} to fill the raw baselines.
   */
  public static Store openLoaded(String uri, BiConsumer<String, Counter> alsoRaw) {
    Store store = Cairn.open(uri);
    store.batch(batch -> {
      for (int i = 0; i < RECORDS; i++) {
        String id = IDS[i];
        Counter c = new Counter(i, i % NODES);
        batch.update(tx -> tx.create(COUNTERS, id, c));
        alsoRaw.accept(id, c);
      }
    });
    return store;
  }
}
