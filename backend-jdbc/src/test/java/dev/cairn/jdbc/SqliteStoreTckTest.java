package dev.cairn.jdbc;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK against one SQLite file, each test in a fresh namespace. */
class SqliteStoreTckTest extends StoreTck {
  @TempDir
  static Path dir;
  private static final AtomicInteger STORES = new AtomicInteger();

  @Override
  protected StoreFactory factory() {
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(
        "jdbc:sqlite:" + dir.resolve("tck.db") + "?namespace=t" + STORES.incrementAndGet(), options));
  }
}
