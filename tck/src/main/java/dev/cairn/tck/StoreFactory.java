package dev.cairn.tck;

import dev.cairn.Store;
import dev.cairn.StoreOptions;

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
}
