package dev.cairn.jdbc;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TCK against H2 file databases, a fresh one per store. (H2 shares one open database
 * among the connections of a JVM and closes it with the last, so stores opened and closed one
 * after another on one file race its close; each store here has a file of its own.)
 */
class H2StoreTckTest extends StoreTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger STORES = new AtomicInteger();

  @Override
  protected StoreFactory factory() {
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(
        "jdbc:h2:file:" + dir.resolve("tck" + STORES.incrementAndGet()), options));
  }
}
