package dev.cairn.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@code LISTEN/NOTIFY} channel that every commit notifies (with its
 * namespace) and wakes that namespace's waiters, so watchers learn of commits of any process
 * at once instead of by polling. On its own connection, outside the pool, reconnecting after
 * the server comes back; while it cannot listen, waiters fall back to polling (see
 * {@link #listening()}) and after it reconnects every waiter re-reads, as notifications may have
 * been missed meanwhile.
 *
 * <p>It starts listening when the first waiter waits ({@link #start}), not when the store
 * opens: a listening session makes every commit on the server wake it and this process's
 * thread (measured: a read-modify-write was 8 to 23 % slower with a listener beside it, on two
 * cores), a cost that a process which never watches should not pay.
 */
final class PostgresNotifier implements AutoCloseable {
  private static final long POLL_MILLIS = 500;

  private final HikariDataSource connections;
  private final String channel;
  private final Consumer<String> wake;
  private final Runnable wakeAll;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean listening;
  private volatile boolean closed;

  /**
   * @param channel an identifier made of the table prefix, safe in SQL unquoted
   * @param wake called with the namespace of each notification
   * @param wakeAll called when listening (re)starts
   */
  PostgresNotifier(HikariDataSource connections, String channel, Consumer<String> wake, Runnable wakeAll) {
    this.connections = connections;
    this.channel = channel;
    this.wake = wake;
    this.wakeAll = wakeAll;
    this.thread = new Thread(this::run, "cairn-pg-listen-" + channel);
    thread.setDaemon(true);
  }

  /** Starts listening, if it has not yet; returns at once (until it listens, {@link #listening()} is false). */
  void start() {
    if (!started.get() && started.compareAndSet(false, true) && !closed) {
      thread.start();
    }
  }

  /** Whether notifications arrive now; when false, waiters must poll. */
  boolean listening() {
    return listening;
  }

  private void run() {
    long backoff = 50;
    while (!closed) {
      try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
        s.execute("LISTEN " + channel);
        listening = true;
        backoff = 50;
        wakeAll.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] batch = pg.getNotifications((int) POLL_MILLIS);
          if (batch != null) {
            for (PGNotification n : batch) {
              wake.accept(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        wakeAll.run();
        if (closed) {
          return;
        }
        try {
          TimeUnit.MILLISECONDS.sleep(backoff); // the server is away: retry, less and less often
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(2_000, backoff * 2);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    listening = false;
    thread.interrupt();
    connections.close();
  }
}
