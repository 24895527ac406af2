package dev.cairn.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.Capabilities;
import dev.cairn.ChangeType;
import dev.cairn.ClosedException;
import dev.cairn.CompactedException;
import dev.cairn.Ids;
import dev.cairn.InvalidArgumentException;
import dev.cairn.UnavailableException;
import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * A backend over a SQL database through JDBI and a HikariCP pool. Reads are single statements
 * (one snapshot each, no transaction to begin or end). Every commit moves the namespace's
 * revision row in the transaction that writes, so commits of a namespace are serialized by that
 * row and commit order is revision order. On PostgreSQL a commit is one round trip that takes the
 * row's lock and then checks and writes in one statement ({@link PostgresCommit}); on SQLite it takes
 * the database's write lock, then reads, checks and writes ({@link SqliteCommit}); on H2 a commit
 * reads what its preconditions need in one statement, checks them, then applies in one
 * transaction that moves the row from the revision it read to the next, and a commit that lost
 * that race runs again. Thread-safe.
 */
final class JdbcBackend implements Backend {
  /** How long an idle watcher waits between polls at most where no notification wakes it. */
  private static final long MAX_POLL_MILLIS = 25;
  /** How many times one commit may lose the race for the namespace's revision before giving up. */
  private static final int MAX_RACES = 1_000;

  private final JdbcConfig config;
  private final Tables t;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final SqlErrors errors;
  private final Retention retention;
  private final WriteSql writeSql;
  private final BatchWriter writer;
  /** SQLite's commit on kept statements, or null on the other dialects. */
  private final SqliteCommit sqliteCommit;
  /** PostgreSQL's one-statement commit, or null on the embedded databases (where round trips cost nothing). */
  private final PostgresCommit postgresCommit;
  private final PostgresStatistics statistics;
  private final PointReader pointReader;
  private final Capabilities capabilities;
  private final ConcurrentMap<String, RevisionSignal> signals = new ConcurrentHashMap<>();
  private final PostgresNotifier notifier;
  private final AtomicLong clock = new AtomicLong();
  private final String lockNamespaceSql;
  private volatile boolean closed;

  JdbcBackend(JdbcConfig config) {
    this.config = config;
    this.t = new Tables(config.tablePrefix());
    this.lockNamespaceSql = "SELECT revision, floor FROM " + t.collections + " WHERE ns = ? AND coll = "
        + Tables.NAMESPACE_ROW
        + (config.dialect() == Dialect.SQLITE ? "" : " FOR UPDATE");
    this.errors = new SqlErrors(config);
    this.retention = new Retention(config.retention());
    this.writeSql = new WriteSql(t);
    this.pool = openPool(config);
    try {
      this.jdbi = Jdbi.create(pool);
      CachingStatementBuilder statements = null;
      if (config.dialect() == Dialect.SQLITE) {
        CachingStatementBuilder cache = new CachingStatementBuilder();
        jdbi.setStatementBuilderFactory(conn -> cache);
        statements = cache;
      }
      this.pointReader = new PointReader(pool, t, statements);
      this.sqliteCommit = statements != null ? new SqliteCommit(pool, t, statements, retention, errors) : null;
      new SchemaMigrator(config.dialect(), t).migrate(jdbi, SchemaMigrator.CURRENT_VERSION, config.redacted());
    } catch (RuntimeException e) {
      pool.close();
      throw errors.map("opening the schema", e, false);
    }
    this.writer = new BatchWriter(writeSql);
    this.postgresCommit = config.dialect() == Dialect.POSTGRESQL ? new PostgresCommit(t) : null;
    this.statistics = config.dialect() == Dialect.POSTGRESQL ? new PostgresStatistics(jdbi, t) : null;
    Capabilities.Builder caps = Capabilities.builder().maxValueBytes(config.maxValueBytes()).maxWritesPerCommit(2_000);
    if (!config.inMemory()) {
      caps.features(Capabilities.Feature.PERSISTENT);
    }
    this.capabilities = caps.build();
    this.notifier = config.dialect() == Dialect.POSTGRESQL
        ? new PostgresNotifier(listenerPool(config), channel(), ns -> signal(ns).raise(), this::wakeAll) : null;
  }

  /** The notifier's own one-connection pool, so that it never takes a connection commits need. */
  private static HikariDataSource listenerPool(JdbcConfig config) {
    HikariConfig hc = poolConfig(config);
    hc.setPoolName(hc.getPoolName() + "-listen");
    hc.setMaximumPoolSize(1);
    hc.setMinimumIdle(0);
    return new HikariDataSource(hc);
  }

  private RevisionSignal signal(String namespace) {
    RevisionSignal s = signals.get(namespace);
    return s != null ? s : signals.computeIfAbsent(namespace, ns -> new RevisionSignal());
  }

  private void wakeAll() {
    signals.values().forEach(RevisionSignal::raise);
  }

  private static HikariDataSource openPool(JdbcConfig config) {
    HikariConfig hc = poolConfig(config);
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot open a connection pool for " + config.redacted() + ": "
          + e.getClass().getSimpleName(), null);
    }
  }

  private static HikariConfig poolConfig(JdbcConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("cairn-" + config.dialect().name().toLowerCase(java.util.Locale.ROOT));
    hc.setDriverClassName(config.dialect().driverClass());
    hc.setJdbcUrl(config.driverUrl());
    if (config.user() != null) {
      hc.setUsername(config.user());
    }
    if (config.password() != null) {
      hc.setPassword(config.password());
    }
    Properties props = new Properties();
    config.dialect().configure(props);
    hc.setDataSourceProperties(props);
    hc.setMaximumPoolSize(config.poolSize());
    hc.setMinimumIdle(Math.min(2, config.poolSize()));
    hc.setConnectionTimeout(Math.max(250, config.poolTimeout().toMillis()));
    hc.setInitializationFailTimeout(-1);
    return hc;
  }

  /** The notification channel of this table prefix: commits under another prefix do not wake us. */
  private String channel() {
    return config.tablePrefix() + "commits";
  }

  private void checkOpen() {
    if (closed) {
      throw new ClosedException("the JDBC store " + config.redacted() + " is closed");
    }
  }

  private <R> R read(String what, Function<Handle, R> body) {
    checkOpen();
    try (Handle h = jdbi.open()) {
      return body.apply(h);
    } catch (RuntimeException e) {
      throw errors.map(what, e, closed);
    }
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public long currentRevision(String namespace) {
    return read("reading the revision of namespace " + namespace,
        h -> h.createQuery(t.currentRevision).bind(0, namespace).mapTo(Long.class).findFirst().orElse(0L));
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    checkOpen();
    try {
      return pointReader.read(namespace, collection, id);
    } catch (SQLException | RuntimeException e) {
      throw errors.map("reading " + collection + "/" + id, e, closed);
    }
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    Page page = page(namespace, collection, range, limit, false);
    List<StoredRecord> records = new ArrayList<>(page.records.size());
    page.records.forEach(r -> records.add(r.record()));
    return new ScanResult(records, page.more, page.revision, page.collectionRevision);
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    Page page = page(namespace, collection, range, limit, true);
    return new IndexedScan(page.records, page.more, page.revision);
  }

  /** Rows of a scan or lookup, with the revisions of its snapshot. */
  private static final class Page {
    final List<IndexedRecord> records = new ArrayList<>();
    long revision;
    long collectionRevision;
    boolean more;
  }

  private Page page(String namespace, String collection, IdRange range, int limit, boolean withKeys) {
    if (limit < 1) {
      throw new dev.cairn.InvalidArgumentException("limit must be at least 1: " + limit);
    }
    int lower = range.lower() == null ? 0 : range.lowerInclusive() ? 1 : 2;
    return read("scanning " + collection, h -> {
      Query q = h.createQuery(t.scan(lower, range.upper() != null));
      int i = bindHeads(q, namespace, collection);
      q.bind(i++, namespace).bind(i++, collection);
      if (lower != 0) {
        q.bind(i++, CommitState.utf8(range.lower()));
      }
      if (range.upper() != null) {
        q.bind(i++, CommitState.utf8(range.upper()));
      }
      q.bind(i, limit + 1);
      Page page = collect(q, collection, withKeys);
      if (page.records.size() > limit) {
        page.records.remove(limit);
        page.more = true;
      }
      return page;
    });
  }

  private static int bindHeads(Query q, String namespace, String collection) {
    q.bind(0, namespace).bind(1, namespace).bind(2, collection);
    return 3;
  }

  private static Page collect(Query q, String collection, boolean withKeys) {
    Page page = new Page();
    q.map((rs, ctx) -> {
      page.revision = rs.getLong(1);
      page.collectionRevision = rs.getLong(2);
      byte[] id = rs.getBytes(3);
      if (id != null) {
        StoredRecord r = new StoredRecord(collection, CommitState.string(id), rs.getBytes(4), rs.getLong(5),
            rs.getLong(6));
        page.records.add(new IndexedRecord(r, withKeys ? IndexKeys.decode(rs.getBytes(7)) : java.util.Map.of()));
      }
      return Boolean.TRUE;
    }).list();
    return page;
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    String end = prefix ? Ids.prefixEnd(key) : null;
    String sql = !prefix ? t.lookupExact : end == null ? t.lookupPrefixUnbounded : t.lookupPrefix;
    Page page = read("looking up " + collection + " by " + index, h -> {
      Query q = h.createQuery(sql);
      int i = bindHeads(q, namespace, collection);
      q.bind(i++, namespace).bind(i++, collection).bind(i++, index).bind(i++, CommitState.utf8(key));
      if (end != null) {
        q.bind(i, CommitState.utf8(end));
      }
      return collect(q, collection, false);
    });
    List<StoredRecord> records = new ArrayList<>(page.records.size());
    for (IndexedRecord r : page.records) {
      if (records.isEmpty() || !records.get(records.size() - 1).id().equals(r.record().id())) {
        records.add(r.record()); // rows come in id order, so a record met twice comes twice in a row
      }
    }
    return new ScanResult(records, false, page.revision, page.collectionRevision);
  }

  @Override
  public List<String> collections(String namespace) {
    List<String> names = read("listing collections", h -> h.createQuery(t.collectionNames).bind(0, namespace)
        .mapTo(String.class).list());
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    return sorted;
  }

  @Override
  public long clockMillis() {
    String sql = config.dialect().clockSql();
    long now = sql == null ? System.currentTimeMillis()
        : read("reading the server's clock", h -> h.createQuery(sql).mapTo(Long.class).one());
    // never backwards: a clock stepped back would extend every lease
    return clock.accumulateAndGet(now, Math::max);
  }

  @Override
  public long commit(String namespace, CommitRequest request) {
    if (postgresCommit != null) {
      return commitOnPostgres(namespace, request);
    }
    if (sqliteCommit != null) {
      return commitOnSqlite(namespace, request);
    }
    for (int attempt = 1; attempt <= MAX_RACES; attempt++) {
      long revision = tryCommit(namespace, request, attempt > 1);
      if (revision > 0) {
        signal(namespace).raise();
        return revision;
      }
    }
    throw lostTooManyRaces(namespace, request);
  }

  /** A commit on SQLite: {@link SqliteCommit}, which runs once (it cannot lose a race). */
  private long commitOnSqlite(String namespace, CommitRequest request) {
    checkOpen();
    try {
      long revision = sqliteCommit.commit(namespace, request);
      signal(namespace).raise();
      return revision;
    } catch (SQLException | RuntimeException e) {
      throw errors.map("committing to namespace " + namespace, e, closed);
    }
  }

  /** Each lost race is another commit of the namespace applying: this takes a storm of writers. */
  private UnavailableException lostTooManyRaces(String namespace, CommitRequest request) {
    return new UnavailableException("commit " + request.token() + " to namespace " + namespace + " on "
        + config.redacted() + " lost " + MAX_RACES + " races in a row to other commits");
  }

  /**
   * One attempt on H2: returns the new revision, or 0 if another commit moved the
   * namespace first. Optimistic ({@code locked} false): reads without a lock and applies only if
   * nothing moved. Locked: first takes the
   * namespace's row lock in a transaction, so it cannot lose; the retry after a lost race, which
   * keeps a namespace with many writers from spending its time on attempts that lose.
   */
  private long tryCommit(String namespace, CommitRequest request, boolean locked) {
    checkOpen();
    Handle h;
    try {
      h = jdbi.open();
    } catch (RuntimeException e) {
      throw errors.map("committing to namespace " + namespace, e, closed);
    }
    try (h) {
      if (locked) {
        h.begin();
        lockNamespace(h, namespace);
      }
      CommitState state = CommitState.read(h, t, config.dialect(), namespace, request);
      Precondition failed = state.firstFailed(request.preconditions());
      if (failed != null) {
        rollbackIfOpen(h);
        throw new PreconditionFailedException(failed);
      }
      CommitPlan plan = new CommitPlan(state, request.writes());
      boolean applied;
      try {
        if (!locked) {
          h.begin();
        }
        applied = writer.apply(h, namespace, state, plan, request.token());
        if (applied && retention.due(state.floor, plan.revision)) {
          trim(h, namespace, state.floor, plan.revision);
        }
      } catch (JdbiException e) {
        rollbackIfOpen(h);
        if (SqlErrors.isConflict(e)) {
          // a key broken: a race of two first commits, or the token is in the tokens table already
          if (tokenRevision(h, namespace, request.token()) != null) {
            throw errors.tokenReused(namespace, request);
          }
          return 0;
        }
        throw e;
      }
      if (!applied) {
        rollbackIfOpen(h);
        return 0;
      }
      try {
        h.commit();
      } catch (JdbiException e) {
        throw errors.outcomeUnknown(namespace, request, e);
      }
      return plan.revision;
    } catch (PreconditionFailedException | CommitOutcomeUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.map("committing to namespace " + namespace, e, closed);
    }
  }

  /**
   * A commit on PostgreSQL: one round trip, which waits for the namespace's row lock and then
   * runs the commit statement ({@link PostgresCommit}). A put over one existing record whose
   * index keys stay (a read-modify-write, or a blind put) tries a smaller statement first
   * ({@link PostgresCommit#applyUpdate}), and the general one only if that did not apply. Only a
   * namespace's first commits, before its row exists, can lose a race and run again.
   */
  private long commitOnPostgres(String namespace, CommitRequest request) {
    PostgresCommit.Arguments args = PostgresCommit.arguments(request);
    for (int attempt = 1; attempt <= MAX_RACES; attempt++) {
      checkOpen();
      try (Handle h = jdbi.open()) {
        PostgresCommit.Outcome outcome;
        try {
          outcome = args.update() == null ? null
              : postgresCommit.applyUpdate(h, namespace, request.token(), args.update(), channel());
          if (outcome == null) {
            outcome = postgresCommit.apply(h, namespace, request.token(), args, channel());
          }
        } catch (JdbiException e) {
          SQLException sql = SqlErrors.sqlCause(e);
          if (sql != null && postgresCommit.isTokenReused(sql)) {
            throw errors.tokenReused(namespace, request);
          }
          if (SqlErrors.isConflict(e)) {
            continue;
          }
          if (SqlErrors.isConnectionLoss(e)) {
            // the round trip was its own transaction: it may have committed before the answer was lost
            throw errors.outcomeUnknown(namespace, request, e);
          }
          throw e;
        }
        if (outcome.failedPosition() > 0) {
          throw new PreconditionFailedException(request.preconditions().get(outcome.failedPosition() - 1));
        }
        if (!outcome.applied()) {
          continue; // a first commit beside another: the namespace's row exists now, to lock
        }
        signal(namespace).raise();
        afterPostgresCommit(h, namespace, outcome.revision(), outcome.floor(), args.rowsWritten());
        return outcome.revision();
      } catch (PreconditionFailedException | CommitOutcomeUnknownException | InvalidArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        throw errors.map("committing to namespace " + namespace, e, closed);
      }
    }
    throw lostTooManyRaces(namespace, request);
  }

  /** Housekeeping after a PostgreSQL commit, outside it: statistics, and the feed's retention. */
  private void afterPostgresCommit(Handle h, String namespace, long revision, long floor, int rowsWritten) {
    statistics.wrote(rowsWritten);
    if (retention.due(floor, revision)) {
      try {
        h.useTransaction(tx -> {
          lockNamespace(tx, namespace);
          trim(tx, namespace, floor, revision);
        });
      } catch (RuntimeException e) {
        // housekeeping only: the commit stands, and the next trim point tries again
      }
    }
  }

  private static void rollbackIfOpen(Handle h) {
    if (h.isInTransaction()) {
      rollbackQuietly(h);
    }
  }

  private static void rollbackQuietly(Handle h) {
    try {
      h.rollback();
    } catch (RuntimeException suppressed) {
      // the connection is gone; the database rolls back itself
    }
  }

  /** Trims the namespace's feed and commit tokens, as due ({@link WriteSql#trim}). */
  private void trim(Handle h, String namespace, long floor, long revision) {
    writeSql.trim(namespace, retention, floor, revision, h::execute);
  }

  @Override
  public OptionalLong committedRevision(String namespace, String token) {
    return read("resolving commit " + token, h -> h.inTransaction(tx -> {
      // Waiting for the namespace's row lock waits out a commit still in flight on a lost
      // connection, so "absent" below means it will never apply.
      lockNamespace(tx, namespace);
      Long revision = tokenRevision(tx, namespace, token);
      return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }));
  }

  /** The revision that committed {@code token} in the namespace, or null if none did. */
  private Long tokenRevision(Handle h, String namespace, String token) {
    return h.createQuery(t.tokenRevision).bind(0, namespace).bind(1, token).mapTo(Long.class).findFirst().orElse(null);
  }

  /**
   * Takes the namespace's row lock in {@code h}'s transaction (SQLite's write lock is the
   * transaction's own) and returns the row's revision and floor, or null if it has none yet.
   */
  private long[] lockNamespace(Handle h, String namespace) {
    return h.createQuery(lockNamespaceSql).bind(0, namespace)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).findFirst().orElse(null);
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    return read("reading the changes of namespace " + namespace, h -> {
      long[] floor = {0};
      List<Change> out = new ArrayList<>();
      h.createQuery(t.changesAfter).bind(0, namespace).bind(1, namespace).bind(2, afterRevision)
          .bind(3, namespace).bind(4, afterRevision).bind(5, Math.max(0, maxChanges - 1)).bind(6, Long.MAX_VALUE)
          .map((rs, ctx) -> {
            floor[0] = rs.getLong(1);
            if (rs.getObject(2) != null) {
              out.add(change(rs));
            }
            return Boolean.TRUE;
          }).list();
      if (afterRevision < floor[0]) {
        throw new CompactedException("namespace " + namespace + ": history up to revision " + floor[0]
            + " was compacted; cannot read changes after " + afterRevision);
      }
      return out;
    });
  }

  private static Change change(ResultSet rs) throws SQLException {
    ChangeType type = ChangeType.values()[rs.getInt(4)];
    return new Change(rs.getLong(2), type, rs.getString(5), CommitState.string(rs.getBytes(6)), rs.getBytes(7),
        rs.getLong(8), rs.getLong(9), IndexKeys.decode(rs.getBytes(10)));
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 1;
    RevisionSignal signal = signal(namespace);
    if (notifier != null) {
      notifier.start();
    }
    while (!closed) {
      long seen = signal.epoch();
      if (currentRevision(namespace) > afterRevision) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // A notification (PostgreSQL) or a commit of this process wakes us at once; commits of
      // other processes on SQLite or H2 are found by polling, backing off to MAX_POLL_MILLIS.
      long wait = notifier != null && notifier.listening() ? left : TimeUnit.MILLISECONDS.toNanos(pause);
      signal.await(seen, Math.min(left, wait));
      pause = Math.min(MAX_POLL_MILLIS, pause * 2);
    }
    return false;
  }

  @Override
  public void compact(String namespace, long revision) {
    read("compacting namespace " + namespace, h -> h.inTransaction(tx -> {
      long[] row = lockNamespace(tx, namespace);
      if (row != null && Math.min(revision, row[0]) > row[1]) {
        writeSql.dropHistoryThrough(namespace, Math.min(revision, row[0]), tx::execute);
      }
      return null;
    }));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    wakeAll();
    if (notifier != null) {
      notifier.close();
    }
    pool.close();
  }

  /** Whether commits of other processes wake this one's waiters by notification now (PostgreSQL); for tests. */
  boolean notificationsListening() {
    return notifier != null && notifier.listening();
  }

  @Override
  public String toString() {
    return "JdbcBackend{" + config + "}";
  }
}
