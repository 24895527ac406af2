package dev.cairn;

import dev.cairn.spi.Backend;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every namespace of one opened backend shares: the backend, options and watch hubs. */
final class Shared {
  final Backend backend;
  final StoreOptions options;
  private final boolean ownsBackend;
  private final ConcurrentMap<String, WatchHub> hubs = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, WriterTurn> turns = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  Shared(Backend backend, StoreOptions options, boolean ownsBackend) {
    this.backend = backend;
    this.options = options;
    this.ownsBackend = ownsBackend;
  }

  /** Returns the namespace's writer turn, shared by every store object of this backend and namespace. */
  WriterTurn turn(String namespace) {
    return turns.computeIfAbsent(namespace, ns -> new WriterTurn());
  }

  WatchHub hub(String namespace) {
    checkOpen();
    return hubs.computeIfAbsent(namespace, ns -> new WatchHub(backend, ns));
  }

  void checkOpen() {
    if (closed.get()) {
      throw new ClosedException("store is closed");
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      hubs.values().forEach(WatchHub::close);
      if (ownsBackend) {
        backend.close();
      }
    }
  }
}
