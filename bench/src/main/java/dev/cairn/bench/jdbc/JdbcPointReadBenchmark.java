package dev.cairn.bench.jdbc;

import dev.cairn.bench.Fixtures;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A point read by id over JDBC, on PostgreSQL and on SQLite: Cairn's view on the JDBC backend
 * beside a raw primary-key {@code SELECT} on a prepared statement, in the same database.
 * Target: Cairn ≥ 0.7× raw.
 */
public class JdbcPointReadBenchmark {
  /** Cairn: a view reading one record and decoding it. */
  @Benchmark
  public Fixtures.Counter cairn(JdbcStates.CairnStore cairn) {
    String id = JdbcStates.randomId();
    return cairn.store.view(tx -> tx.get(Fixtures.COUNTERS, id)).orElseThrow().value();
  }

  /** Raw: {@code SELECT value FROM raw_counters WHERE id = ?} and the same decoding. */
  @Benchmark
  public Fixtures.Counter raw(JdbcStates.RawReads raw) throws SQLException {
    return raw.counters.get(JdbcStates.randomId());
  }
}
