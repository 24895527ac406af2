package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch fed by a {@link WatchHub} from its registration on, and by its own reads of the
 * backend's history for the revisions before (the catch-up). Catch-up events are produced on
 * the consumer's thread, so they do not count against the buffer; if live events overflow the
 * buffer while the watch is still catching up, they are dropped and read from history too.
 * Everything committed before the watch started also comes from history, even if the hub lags.
 * Only a watch that has caught up and still falls behind fails as a slow watcher.
 */
final class HubWatch implements Watch {
  private static final int CATCH_UP_READ = 1024;

  private final Backend backend;
  private final String namespace;
  private final WatchFilter filter;
  private final int capacity;
  private final WatchHub hub;
  private final long from;
  private long lastRevision;
  /** Events read from history, consumer thread only. */
  private final ArrayDeque<WatchEvent> caughtUp = new ArrayDeque<>();

  // Guarded by this: the hub pushes revisions >= liveFrom; history supplies [catchUpNext, liveFrom).
  private long liveFrom;
  /** The store's revision when the watch started: everything up to it comes from history. */
  private long committedBefore;
  private long catchUpNext;
  private final ArrayDeque<WatchEvent> buffer = new ArrayDeque<>();
  private RuntimeException failure;
  private volatile boolean closedByUser;

  HubWatch(Backend backend, String namespace, WatchFilter filter, int capacity, WatchHub hub, long from) {
    this.backend = backend;
    this.namespace = namespace;
    this.filter = filter;
    this.capacity = capacity;
    this.hub = hub;
    this.from = from;
    this.catchUpNext = from;
    this.lastRevision = from - 1;
  }

  /** Registers with the hub and reads the first history, failing fast if it was compacted. */
  HubWatch start() {
    committedBefore = backend.currentRevision(namespace);
    hub.register(this);
    try {
      catchUp();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** Called by the hub, under its lock, with the first revision it will push. */
  synchronized void registered(long firstPushed) {
    liveFrom = Math.max(Math.max(firstPushed, from), committedBefore + 1);
  }

  /** Called by the hub thread with one committed transaction. Never blocks. */
  void push(long revision, List<Change> transaction) {
    List<WatchEvent> events = toEvents(transaction);
    synchronized (this) {
      if (failure != null || revision < liveFrom || events.isEmpty()) {
        return;
      }
      if (buffer.size() + events.size() > capacity) {
        if (catchUpNext < liveFrom) {
          buffer.clear();
          liveFrom = revision + 1;
        } else {
          failure = new SlowWatcherException("watch of namespace " + namespace + " fell more than " + capacity
              + " events behind at revision " + revision + "; resume from lastRevision() + 1");
          hub.unregister(this);
        }
      } else {
        buffer.addAll(events);
      }
      notifyAll();
    }
  }

  synchronized void fail(RuntimeException e) {
    if (failure == null) {
      failure = e;
    }
    hub.unregister(this);
    notifyAll();
  }

  private List<WatchEvent> toEvents(List<Change> transaction) {
    List<WatchEvent> events = new ArrayList<>(transaction.size() + 1);
    for (Change c : transaction) {
      if (filter.test(c.collection(), c.id(), c.type())) {
        events.add(new WatchEvent.Changed(c.revision(), c.type(), c.collection(), c.id(), c.value(),
            c.createRevision(), c.prevModRevision()));
      }
    }
    if (!events.isEmpty()) {
      events.add(new WatchEvent.Committed(transaction.get(0).revision(), events.size()));
    }
    return events;
  }

  private synchronized boolean catchingUp() {
    return catchUpNext < liveFrom;
  }

  /** Reads history before {@link #liveFrom} until some event passes the filter or none is left. */
  private void catchUp() {
    while (caughtUp.isEmpty() && catchingUp()) {
      long after;
      synchronized (this) {
        after = catchUpNext - 1;
      }
      List<Change> changes = backend.changes(namespace, after, CATCH_UP_READ);
      synchronized (this) {
        long cutoff = liveFrom;
        int start = 0;
        long next = cutoff;
        while (start < changes.size() && changes.get(start).revision() < cutoff) {
          long revision = changes.get(start).revision();
          int end = start;
          while (end < changes.size() && changes.get(end).revision() == revision) {
            end++;
          }
          caughtUp.addAll(toEvents(changes.subList(start, end)));
          next = revision + 1;
          start = end;
        }
        catchUpNext = start < changes.size() || changes.isEmpty() ? cutoff : next;
      }
    }
  }

  @Override
  public WatchEvent poll(Duration timeout) throws InterruptedException {
    if (closedByUser) {
      throw new ClosedException("watch is closed");
    }
    if (caughtUp.isEmpty()) {
      try {
        catchUp();
      } catch (RuntimeException e) {
        fail(e);
        throw e;
      }
    }
    if (!caughtUp.isEmpty()) {
      return deliver(caughtUp.poll());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (buffer.isEmpty() && failure == null && !catchingUp()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        wait(left / 1_000_000, (int) (left % 1_000_000));
      }
      if (!buffer.isEmpty()) {
        return deliver(buffer.poll());
      }
      if (failure != null) {
        throw failure;
      }
    }
    return poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private WatchEvent deliver(WatchEvent event) {
    if (event instanceof WatchEvent.Committed) {
      lastRevision = event.revision();
    }
    return event;
  }

  @Override
  public long lastRevision() {
    return lastRevision;
  }

  @Override
  public synchronized boolean isClosed() {
    return failure != null;
  }

  @Override
  public void close() {
    closedByUser = true;
    synchronized (this) {
      if (failure == null) {
        failure = new ClosedException("watch is closed");
      }
      buffer.clear();
      notifyAll();
    }
    hub.unregister(this);
  }

  @Override
  public String toString() {
    return "Watch{namespace=" + namespace + ", from=" + from + ", lastRevision=" + lastRevision + ", " + filter + "}";
  }
}
