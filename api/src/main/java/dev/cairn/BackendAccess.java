package dev.cairn;

import dev.cairn.spi.Backend;

/**
 * How the archive and migration code reaches the backend and namespace under a store opened by
 * {@link Cairn#open}; implemented by the package's own stores only.
 */
interface BackendAccess {

  /** Returns the backend, after checking that the store is open. */
  Backend openBackend();

  /** Returns the store's namespace. */
  String namespace();

  /** Returns the options the store was opened with. */
  StoreOptions options();

  /**
   * Returns the access behind {@code store}.
   *
   * @param role what the store is for, for the error message ("source", "target")
   * @throws InvalidArgumentException if the store was not opened by {@link Cairn#open}
   */
  static BackendAccess of(Store store, String role) {
    java.util.Objects.requireNonNull(store, role);
    if (store instanceof BackendAccess access) {
      return access;
    }
    throw new InvalidArgumentException("cannot use the " + role + " store, a " + store.getClass().getName()
        + ": export, import and migration each needs a store opened by Cairn.open");
  }
}
