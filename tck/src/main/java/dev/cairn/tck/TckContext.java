package dev.cairn.tck;

import dev.cairn.Capabilities;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import java.util.ArrayList;
import java.util.List;

/** What one TCK test works with: a fresh store, and more of them with custom options. */
public final class TckContext implements AutoCloseable {
  private final StoreFactory factory;
  private final List<Store> opened = new ArrayList<>();
  private Store store;

  TckContext(StoreFactory factory) {
    this.factory = factory;
  }

  /** Returns the test's store, opened with default options on first use; thread-safe. */
  public synchronized Store store() {
    if (store == null) {
      store = open(StoreOptions.defaults());
    }
    return store;
  }

  /** Opens another fresh store with the given options; the TCK closes it after the test. */
  public synchronized Store open(StoreOptions options) {
    Store s = factory.open(options);
    if (s == null) {
      throw new IllegalStateException("the StoreFactory returned null");
    }
    opened.add(s);
    return s;
  }

  /**
   * Returns a store of another namespace over the test store's backend, named after the test
   * store's namespace with {@code "-" + suffix} appended, so it is as fresh as the test store (see
   * {@link StoreFactory#open}). Use it where a test needs a second empty store: it opens no second
   * connection, which backends that lock their data (a journaled memory directory) or pool
   * connections need. Closed with the test store.
   *
   * @param suffix a short suffix of {@code [a-z0-9_-]} characters
   */
  public Store sibling(String suffix) {
    return store().withNamespace(store().namespace() + "-" + suffix);
  }

  /**
   * Closes {@code store} and opens its data again, as a process restart would; the TCK closes
   * the returned store after the test.
   */
  public synchronized Store reopen(Store store) {
    store.close();
    Store again = factory.reopen(store);
    opened.add(again);
    if (store == this.store) {
      this.store = again;
    }
    return again;
  }

  /** Returns the capabilities of the backend under test. */
  public Capabilities capabilities() {
    return store().capabilities();
  }

  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (Store s : opened) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    opened.clear();
    store = null;
    if (first != null) {
      throw first;
    }
  }
}
