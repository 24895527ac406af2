package dev.cairn.datastore;

import dev.cairn.ClosedException;
import dev.cairn.UnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Wakes waiters when a namespace's revision moves. Datastore pushes nothing, so while anyone
 * waits on a namespace one task polls its root entity, however many waiters there are: every
 * {@code interval} while commits come, slowing down to four times that while none does. Commits
 * made through this backend wake waiters at once ({@link #advanced}). Thread-safe.
 */
final class RevisionPoller implements AutoCloseable {
  private static final int MAX_SLOWDOWN = 4;

  private final ToLongFunction<String> readRevision;
  private final long intervalNanos;
  private final ScheduledExecutorService executor;
  private final Map<String, Watched> namespaces = new ConcurrentHashMap<>();
  private volatile boolean closed;

  RevisionPoller(ToLongFunction<String> readRevision, Duration interval) {
    this.readRevision = readRevision;
    this.intervalNanos = interval.toNanos();
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cairn-datastore-revision-poller");
      t.setDaemon(true);
      return t;
    });
  }

  /** Records a revision the namespace is known to have reached, waking whoever waits below it. */
  void advanced(String namespace, long revision) {
    Watched w = namespaces.get(namespace);
    if (w != null) {
      w.reached(revision, false);
    }
  }

  /**
   * Blocks until the namespace's revision exceeds {@code after}, the timeout passes, the
   * poller closes or the thread is interrupted.
   *
   * @return whether the revision is known to exceed {@code after}
   * @throws UnavailableException if a poll made while waiting failed
   */
  boolean await(String namespace, long after, Duration timeout) throws InterruptedException {
    Watched w = namespaces.computeIfAbsent(namespace, Watched::new);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (w) {
      if (w.known > after) {
        return true;
      }
      long startPoll = w.polls;
      w.waiters++;
      try {
        w.schedule(0);
        while (w.known <= after && !closed) {
          if (w.failedPoll > startPoll) {
            throw new UnavailableException("cannot read the revision of namespace " + namespace + ": "
                + w.failure.getMessage(), w.failure);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(w, left);
        }
        return w.known > after;
      } finally {
        w.waiters--;
      }
    }
  }

  /** Stops polling; blocked waiters return. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    for (Watched w : namespaces.values()) {
      synchronized (w) {
        w.notifyAll();
      }
    }
  }

  /** A namespace with waiters, or that had some: its last known revision and its polling. */
  private final class Watched {
    final String namespace;
    long known = -1;
    int waiters;
    long polls;
    long failedPoll = -1;
    RuntimeException failure;
    boolean scheduled;
    long slowdown = 1;

    Watched(String namespace) {
      this.namespace = namespace;
    }

    synchronized void reached(long revision, boolean polled) {
      if (revision > known) {
        known = revision;
        slowdown = 1;
        notifyAll();
      } else if (polled) {
        slowdown = Math.min(MAX_SLOWDOWN, slowdown * 2);
      }
    }

    /** Schedules a poll unless one is; callers hold the lock. */
    void schedule(long delayNanos) {
      if (scheduled || closed) {
        return;
      }
      scheduled = true;
      try {
        executor.schedule(this::poll, delayNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        scheduled = false;
        throw new ClosedException("datastore backend is closed", e);
      }
    }

    void poll() {
      long revision = -1;
      RuntimeException failed = null;
      try {
        revision = readRevision.applyAsLong(namespace);
      } catch (RuntimeException e) {
        failed = e;
      }
      if (failed == null) {
        reached(revision, true);
      }
      synchronized (this) {
        polls++;
        scheduled = false;
        if (failed != null) {
          failure = failed;
          failedPoll = polls;
          notifyAll();
        }
        if (waiters > 0 && !closed) {
          schedule(intervalNanos * slowdown);
        }
      }
    }
  }
}
