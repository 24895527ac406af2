package dev.cairn.tck;

import dev.cairn.Store;
import dev.cairn.StoreOptions;
import java.util.function.Function;

/**
 * Opens a fresh, empty store for one test. The TCK closes every store it opens.
 */
@FunctionalInterface
public interface StoreFactory {

  /**
   * Opens a store that holds no data in its namespace, nor in any namespace whose name
   * starts with its namespace's name.
   *
   * @param options the options the test needs (small buffers, few retries, …)
   */
  Store open(StoreOptions options);

  /**
   * Opens again, after {@code closed} was closed, the same data it held: what a process
   * restart does. Needed by the durability area of backends that claim
   * {@link dev.cairn.Capabilities.Feature#PERSISTENT}.
   *
   * @throws UnsupportedOperationException if this factory cannot (the default)
   */
  default Store reopen(Store closed) {
    throw new UnsupportedOperationException("this StoreFactory cannot reopen a store; "
        + "build it with StoreFactory.ofUris to test durability");
  }

  /**
   * Returns a factory that opens each store from a fresh URI (with the test's options) and
   * reopens it from the same URI and options.
   *
   * @param freshUri returns the URI of a fresh store, given the options the test asked for
   *     (which it may extend, e.g. with a random namespace)
   */
  static StoreFactory ofUris(Function<StoreOptions, UriAndOptions> freshUri) {
    return new UriStoreFactory(freshUri);
  }

  /**
   * A URI and the options to open it with.
   *
   * @param uri the store URI
   * @param options the options
   */
  record UriAndOptions(String uri, StoreOptions options) {}
}
