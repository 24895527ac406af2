package dev.cairn.bench.view;

import dev.cairn.Cairn;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.jdbc.testing.PostgresServer;
import dev.cairn.redis.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * One of the four backends, fresh, holding the {@link Items} collection loaded in namespace
 * {@value Items#NAMESPACE}: {@code memory:} (defaults), SQLite (a file in a temp directory),
 * PostgreSQL (a server of its own, backend-jdbc's test harness, as the JDBC benchmarks start it)
 * or Redis (a {@code redis-server} of its own, backend-redis's test harness, AOF with
 * {@code appendfsync everysec}, as the Redis benchmarks start it). Every backend runs with its
 * defaults (retention, pool size). Opened and closed by one thread; the store itself is
 * thread-safe.
 */
final class ListedStore implements AutoCloseable {
  static final String MEMORY = "memory";
  static final String SQLITE = "sqlite";
  static final String POSTGRESQL = "postgresql";
  static final String REDIS = "redis";

  final String backend;
  final Store store;
  /**
   * For {@code memory}: the raw baseline's map of the same encoded values, which the writer of
   * the listed collection updates as it updates the store; else null.
   */
  final ConcurrentSkipListMap<String, byte[]> rawMap;
  private final PostgresServer postgres;
  private final RedisServer redis;
  private final Path sqliteDirectory;
  /** The URL the raw baseline connects to: JDBC (with PostgreSQL's password) or Redis; null for memory. */
  private final String rawUrl;
  /** Stops a server child process if the JVM exits without {@link #close()}, e.g. after a failed trial. */
  private final Thread cleanup = new Thread(this::closeServers, "cairn-bench-view-cleanup");

  private ListedStore(String backend) throws IOException {
    this.backend = backend;
    switch (backend) {
      case MEMORY:
        postgres = null;
        redis = null;
        sqliteDirectory = null;
        rawUrl = null;
        rawMap = new ConcurrentSkipListMap<>();
        store = Cairn.open("memory:", options());
        break;
      case SQLITE:
        postgres = null;
        redis = null;
        sqliteDirectory = Files.createTempDirectory("cairn-bench-view-");
        rawUrl = "jdbc:sqlite:" + sqliteDirectory.resolve("bench.db");
        rawMap = null;
        store = Cairn.open(rawUrl, options());
        break;
      case POSTGRESQL:
        postgres = PostgresServer.create();
        redis = null;
        sqliteDirectory = null;
        rawUrl = postgres.jdbcUrl();
        rawMap = null;
        store = Cairn.open(rawUrl, options());
        break;
      case REDIS:
        postgres = null;
        redis = RedisServer.start(List.of("--appendfsync", "everysec"));
        sqliteDirectory = null;
        rawUrl = redis.uri();
        rawMap = null;
        store = Cairn.open(rawUrl, options());
        break;
      default:
        throw new IllegalArgumentException("unknown backend '" + backend + "': expected " + MEMORY + ", " + SQLITE
            + ", " + POSTGRESQL + " or " + REDIS);
    }
  }

  private static StoreOptions options() {
    return StoreOptions.defaults().withNamespace(Items.NAMESPACE);
  }

  /**
   * Starts {@code backend} and loads the collection (record i holds {@code Items.value(id, 0)}),
   * in transactions of at most 200 records (a batch).
   *
   * @param backend {@value #MEMORY}, {@value #SQLITE}, {@value #POSTGRESQL} or {@value #REDIS}
   * @throws IllegalStateException if a server cannot be started (its message names {@code .ci/install-servers})
   */
  static ListedStore open(String backend) {
    ListedStore s;
    try {
      s = new ListedStore(backend);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(s.cleanup);
    s.store.batch(batch -> {
      for (String id : Items.IDS) {
        String value = Items.value(id, 0);
        batch.update(tx -> tx.create(Items.SCHEMA, id, value));
        if (s.rawMap != null) {
          s.rawMap.put(id, value.getBytes(StandardCharsets.UTF_8));
        }
      }
    });
    return s;
  }

  /** Opens a raw reader of the same records, for one thread. */
  RawListing openRaw() throws SQLException {
    switch (backend) {
      case MEMORY:
        return new RawListing.FromMap(rawMap);
      case SQLITE:
      case POSTGRESQL:
        return new RawListing.FromJdbc(rawUrl);
      default:
        return new RawListing.FromRedis(rawUrl);
    }
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      closeServers();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook runs anyway
      }
    }
  }

  private void closeServers() {
    if (postgres != null) {
      postgres.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (sqliteDirectory != null) {
      try (Stream<Path> files = Files.walk(sqliteDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp directory is harmless
      }
    }
  }
}
