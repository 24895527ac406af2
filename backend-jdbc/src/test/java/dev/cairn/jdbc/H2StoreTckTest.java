package dev.cairn.jdbc;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK against one H2 database file, each test in a fresh namespace. */
class H2StoreTckTest extends StoreTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger STORES = new AtomicInteger();

  @Override
  protected StoreFactory factory() {
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(
        "jdbc:h2:file:" + dir.resolve("tck") + "?namespace=t" + STORES.incrementAndGet(), options));
  }
}
