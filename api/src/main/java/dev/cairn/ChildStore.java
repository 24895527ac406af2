package dev.cairn;

import java.util.function.Consumer;
import java.util.function.Function;

/** A store of another namespace over a shared backend; closing it leaves the backend open. */
final class ChildStore implements Store, BackendAccess {
  private final DefaultStore delegate;

  ChildStore(DefaultStore delegate) {
    this.delegate = delegate;
  }

  @Override public String namespace() {
    return delegate.namespace();
  }

  @Override public dev.cairn.spi.Backend openBackend() {
    return delegate.openBackend();
  }

  @Override public StoreOptions options() {
    return delegate.options();
  }

  @Override public Store withNamespace(String namespace) {
    return delegate.withNamespace(namespace);
  }

  @Override public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override public long revision() {
    return delegate.revision();
  }

  @Override public java.util.List<String> collections() {
    return delegate.collections();
  }

  @Override public long clockMillis() {
    return delegate.clockMillis();
  }

  @Override public <R> R view(Function<? super ReadTransaction, ? extends R> callback) {
    return delegate.view(callback);
  }

  @Override public long update(Consumer<? super Transaction> callback) {
    return delegate.update(callback);
  }

  @Override public <R> R updateAndGet(Function<? super Transaction, ? extends R> callback) {
    return delegate.updateAndGet(callback);
  }

  @Override public long run(Operator operator) {
    return delegate.run(operator);
  }

  @Override public BatchResult batch(Consumer<? super Batch> callback) {
    return delegate.batch(callback);
  }

  @Override public Watch watch(long fromRevision, WatchFilter filter) {
    return delegate.watch(fromRevision, filter);
  }

  @Override public Watch watch(WatchFilter filter) {
    return delegate.watch(filter);
  }

  @Override public <R> ViewAndWatch<R> viewAndWatch(Function<? super ReadTransaction, ? extends R> callback,
      WatchFilter filter) {
    return delegate.viewAndWatch(callback, filter);
  }

  @Override public void compact(long revision) {
    delegate.compact(revision);
  }

  @Override public boolean isWedged() {
    return delegate.isWedged();
  }

  /** Leaves the shared backend open: it belongs to the store it was derived from. */
  @Override public void close() {}

  @Override public String toString() {
    return delegate.toString();
  }
}
