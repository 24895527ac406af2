package dev.cairn.bench.jdbc;

import dev.cairn.bench.Fixtures;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A single-record read-modify-write transaction over JDBC, on PostgreSQL and on SQLite
 * (durable commits on both): Cairn's serializable update beside raw JDBC doing the same read,
 * a version-checked {@code UPDATE} and a commit, in the same database. Target: Cairn ≥ 0.5× raw.
 */
public class JdbcUpdateBenchmark {
  /** Cairn: read, increment, update, commit (serializable, indexed, change feed appended). */
  @Benchmark
  public long cairn(JdbcStates.CairnStore cairn) {
    String id = JdbcStates.randomId();
    return cairn.store.update(tx -> {
      Fixtures.Counter c = tx.get(Fixtures.COUNTERS, id).orElseThrow().value();
      tx.update(Fixtures.COUNTERS, id, new Fixtures.Counter(c.value() + 1, c.node()));
    });
  }

  /**
   * Raw: {@code SELECT value, version … WHERE id = ?}, decode, increment, encode,
   * {@code UPDATE … SET value = ?, version = version + 1 WHERE id = ? AND version = ?}, commit.
   */
  @Benchmark
  public long raw(JdbcStates.RawUpdates raw) throws SQLException {
    return raw.counters.increment(JdbcStates.randomId());
  }
}
