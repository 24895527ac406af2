package dev.cairn.jdbc;

import dev.cairn.jdbc.testing.PostgresExtension;
import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole TCK against a real PostgreSQL server started for the class, each test in a fresh namespace. */
class PostgresStoreTckTest extends StoreTck {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();
  private static final AtomicInteger STORES = new AtomicInteger();

  @Override
  protected StoreFactory factory() {
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(
        POSTGRES.server().jdbcUrl() + "&namespace=t" + STORES.incrementAndGet(), options));
  }
}
