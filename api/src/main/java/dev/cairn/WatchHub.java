package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tails one namespace's change feed on one thread and fans each committed transaction out to
 * every live watch. Writers never wait for it, and it never waits for a watch: a watch whose
 * buffer is full is failed instead. Survives backend outages by retrying from its position.
 */
final class WatchHub {
  private static final Logger LOG = Logger.getLogger(WatchHub.class.getName());
  private static final int READ_CHANGES = 1024;
  private static final Duration AWAIT = Duration.ofSeconds(1);

  private final Backend backend;
  private final String namespace;
  private final List<HubWatch> watches = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private long position = -1;
  private Thread thread;
  private volatile boolean closed;

  WatchHub(Backend backend, String namespace) {
    this.backend = backend;
    this.namespace = namespace;
  }

  /**
   * Registers a watch and tells it the first revision the hub will push to it. Every revision
   * before that the watch reads itself.
   */
  void register(HubWatch watch) {
    synchronized (lock) {
      if (closed) {
        throw new ClosedException("store is closed");
      }
      if (position < 0) {
        position = backend.currentRevision(namespace);
        thread = new Thread(this::run, "cairn-watch-" + namespace);
        thread.setDaemon(true);
        thread.start();
      }
      watch.registered(position + 1);
      watches.add(watch);
    }
  }

  void unregister(HubWatch watch) {
    watches.remove(watch);
  }

  private void run() {
    int failures = 0;
    while (!closed) {
      try {
        long from;
        synchronized (lock) {
          from = position;
        }
        List<Change> changes = backend.changes(namespace, from, READ_CHANGES);
        failures = 0;
        if (changes.isEmpty()) {
          backend.awaitRevision(namespace, from, AWAIT);
          continue;
        }
        publish(changes);
      } catch (InterruptedException e) {
        return;
      } catch (CompactedException e) {
        skipCompacted(e);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        failures++;
        LOG.log(failures == 1 ? Level.WARNING : Level.FINE,
            "watch feed of namespace " + namespace + " failed; retrying", e);
        try {
          Thread.sleep(Math.min(1000, 10L << Math.min(failures, 6)));
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Fans out transactions; position moves under the lock so registration sees a clean edge. */
  private void publish(List<Change> changes) {
    int start = 0;
    while (start < changes.size()) {
      long revision = changes.get(start).revision();
      int end = start;
      while (end < changes.size() && changes.get(end).revision() == revision) {
        end++;
      }
      List<Change> transaction = changes.subList(start, end);
      synchronized (lock) {
        for (HubWatch w : watches) {
          w.push(revision, transaction);
        }
        position = revision;
      }
      start = end;
    }
  }

  /** History the hub had not read yet was compacted: its watches cannot be served gap-free. */
  private void skipCompacted(CompactedException e) {
    synchronized (lock) {
      for (HubWatch w : new ArrayList<>(watches)) {
        w.fail(e);
      }
      position = backend.currentRevision(namespace);
    }
  }

  void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      t = thread;
    }
    if (t != null) {
      t.interrupt();
    }
    for (HubWatch w : watches) {
      w.fail(new ClosedException("store is closed"));
    }
  }
}
