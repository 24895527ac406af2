package dev.cairn.bench.jdbc;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Watch delivery on PostgreSQL under a paced load: writers commit at a fixed total rate
 * (default 1,000 commits/s), each commit carrying the {@code System.nanoTime()} taken just
 * before it starts; one watcher receives every event and records now − that time, so the
 * latency includes the commit itself. Target: p99 under 20 ms at 1,000 commits/s.
 *
 * <p>Run both sides in the same run against one fresh server:
 * {@code java -cp bench/target/benchmarks.jar dev.cairn.bench.jdbc.JdbcWatchLatency [raw|cairn|both]
 * [rate] [seconds] [writers]}. The raw side does the same with JDBC: an upsert and a
 * {@code pg_notify} in one transaction, and a {@code LISTEN}ing connection polling
 * {@code PGConnection.getNotifications}.
 */
public final class JdbcWatchLatency {
  private static final Schema<String> EVENTS = Schema.of("events", Codec.utf8());
  private static final String CHANNEL = "cairn_raw_bench";
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private JdbcWatchLatency() {}

  /**
   * Runs the measurement and prints one line per side.
   *
   * @param args {@code raw}, {@code cairn} or {@code both} (default), the rate in commits/s
   *     (1000), the measured seconds (20), the number of writer threads (8)
   */
  public static void main(String[] args) throws Exception {
    String sides = args.length > 0 ? args[0] : "both";
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Duration measured = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 20);
    int writers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    try (Database db = Database.open(Database.POSTGRESQL)) {
      if (sides.equals("raw") || sides.equals("both")) {
        print("raw JDBC (upsert + pg_notify, LISTEN)", new RawSide(db).run(rate, measured, writers));
      }
      if (sides.equals("cairn") || sides.equals("both")) {
        print("Cairn (store.update + watch)", new CairnSide(db).run(rate, measured, writers));
      }
    }
  }

  private static void print(String side, Result r) {
    System.out.printf(Locale.ROOT, "%-40s commits/s %7.1f (target %d), events %d of %d, commit->event ms: p50 %.2f  p90 %.2f  "
            + "p99 %.2f  p99.9 %.2f  max %.2f; commit alone ms: p50 %.2f  p99 %.2f%n",
        side, r.achievedRate, r.targetRate, r.delivered, r.committed,
        r.latency.percentile(50), r.latency.percentile(90), r.latency.percentile(99), r.latency.percentile(99.9),
        r.latency.percentile(100), r.commit.percentile(50), r.commit.percentile(99));
  }

  /** One side's workload: how one commit is made, and how events are received. */
  private abstract static class Side {
    final Database db;
    final Samples latency = new Samples();
    final Samples commit = new Samples();
    volatile long measureFrom = Long.MAX_VALUE;
    volatile long measureUntil = Long.MAX_VALUE;
    final AtomicLong committedInWindow = new AtomicLong();
    volatile long deliveredInWindow;

    Side(Database db) {
      this.db = db;
    }

    abstract void openWriters(int writers) throws Exception;

    /** Commits one write as writer {@code writer}, its value {@code startedNanos}. */
    abstract void commit(int writer, long startedNanos) throws Exception;

    /** Waits up to {@code millis} for events; returns the commit start times they carry. */
    abstract List<Long> receive(int millis) throws Exception;

    abstract void closeAll() throws Exception;

    Result run(int rate, Duration measured, int writers) throws Exception {
      openWriters(writers);
      long periodNanos = writers * 1_000_000_000L / rate;
      long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
      measureFrom = start + WARM_UP.toNanos();
      measureUntil = measureFrom + measured.toNanos();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread watcher = new Thread(() -> watch(failures), "watcher");
      watcher.start();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        long first = start + w * (1_000_000_000L / rate);
        Thread t = new Thread(() -> write(writer, first, periodNanos, failures), "writer-" + w);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      watcher.join(DRAIN.toMillis() + 5_000);
      closeAll();
      if (!failures.isEmpty()) {
        throw new IllegalStateException("the run failed", failures.get(0));
      }
      Result r = new Result();
      r.targetRate = rate;
      r.committed = committedInWindow.get();
      r.delivered = deliveredInWindow;
      r.achievedRate = r.committed / (measured.toNanos() / 1e9);
      r.latency = latency;
      r.commit = commit;
      return r;
    }

    private void write(int writer, long first, long period, List<Throwable> failures) {
      try {
        for (long due = first; due < measureUntil; due += period) {
          long now;
          while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now); // pacing, not synchronisation
          }
          long started = System.nanoTime();
          commit(writer, started);
          long took = System.nanoTime() - started;
          if (started >= measureFrom && started < measureUntil) {
            committedInWindow.incrementAndGet();
            synchronized (commit) {
              commit.add(took);
            }
          }
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    }

    private void watch(List<Throwable> failures) {
      long delivered = 0;
      try {
        long stopAt = Long.MAX_VALUE;
        while (System.nanoTime() < stopAt) {
          for (long started : receive(50)) {
            long lag = System.nanoTime() - started;
            if (started >= measureFrom && started < measureUntil) {
              delivered++;
              latency.add(lag);
            }
          }
          if (stopAt == Long.MAX_VALUE && System.nanoTime() > measureUntil) {
            stopAt = measureUntil + DRAIN.toNanos();
          }
          // Stops early once every measured commit of a finished run has arrived.
          if (System.nanoTime() > measureUntil + Duration.ofSeconds(1).toNanos() && delivered >= committedInWindow.get()) {
            break;
          }
        }
      } catch (Throwable t) {
        failures.add(t);
      } finally {
        deliveredInWindow = delivered;
      }
    }
  }

  /** Raw JDBC: an upsert and a pg_notify per transaction; a LISTEN connection. */
  private static final class RawSide extends Side {
    private final List<Connection> writerConnections = new ArrayList<>();
    private final List<PreparedStatement> upserts = new ArrayList<>();
    private final List<PreparedStatement> notifies = new ArrayList<>();
    private Connection listener;

    RawSide(Database db) {
      super(db);
    }

    @Override
    void openWriters(int writers) throws SQLException {
      listener = db.connect();
      try (Statement s = listener.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS raw_events (id VARCHAR(512) PRIMARY KEY, value BYTEA NOT NULL)");
        s.execute("LISTEN " + CHANNEL);
      }
      for (int w = 0; w < writers; w++) {
        Connection c = db.connect();
        c.setAutoCommit(false);
        writerConnections.add(c);
        upserts.add(c.prepareStatement("INSERT INTO raw_events (id, value) VALUES (?, ?) "
            + "ON CONFLICT (id) DO UPDATE SET value = excluded.value"));
        notifies.add(c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)"));
      }
    }

    @Override
    void commit(int writer, long startedNanos) throws SQLException {
      String value = Long.toString(startedNanos);
      PreparedStatement upsert = upserts.get(writer);
      upsert.setString(1, "e-" + writer);
      upsert.setBytes(2, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      upsert.executeUpdate();
      PreparedStatement notify = notifies.get(writer);
      notify.setString(1, value);
      notify.execute();
      writerConnections.get(writer).commit();
    }

    @Override
    List<Long> receive(int millis) throws SQLException {
      PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(millis);
      List<Long> started = new ArrayList<>();
      if (got != null) {
        for (PGNotification n : got) {
          started.add(Long.parseLong(n.getParameter()));
        }
      }
      return started;
    }

    @Override
    void closeAll() throws SQLException {
      for (Connection c : writerConnections) {
        c.close();
      }
      listener.close();
    }
  }

  /** Cairn: {@code store.update(tx -> tx.put(...))} per commit; one watch over all collections. */
  private static final class CairnSide extends Side {
    private Store store;
    private Watch watch;

    CairnSide(Database db) {
      super(db);
    }

    @Override
    void openWriters(int writers) {
      store = Cairn.open(db.cairnUri());
      watch = store.watch(WatchFilter.collections(EVENTS.collection()));
    }

    @Override
    void commit(int writer, long startedNanos) {
      store.update(tx -> tx.put(EVENTS, "e-" + writer, Long.toString(startedNanos)));
    }

    @Override
    List<Long> receive(int millis) throws InterruptedException {
      List<Long> started = new ArrayList<>();
      WatchEvent event = watch.poll(Duration.ofMillis(millis));
      while (event != null) {
        if (event instanceof WatchEvent.Changed) {
          started.add(Long.parseLong(((WatchEvent.Changed) event).value(EVENTS)));
        }
        event = watch.poll(Duration.ZERO);
      }
      return started;
    }

    @Override
    void closeAll() {
      watch.close();
      store.close();
    }
  }

  /** The outcome of one side's run. */
  private static final class Result {
    int targetRate;
    double achievedRate;
    long committed;
    long delivered;
    Samples latency;
    Samples commit;
  }

  /** Nanosecond samples; percentiles in milliseconds. Not thread-safe. */
  private static final class Samples {
    private long[] values = new long[1 << 16];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    double percentile(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = java.util.Arrays.copyOf(values, size);
      java.util.Arrays.sort(sorted);
      int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
      return sorted[index] / 1e6;
    }
  }
}
