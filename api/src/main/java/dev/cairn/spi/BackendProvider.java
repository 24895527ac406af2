package dev.cairn.spi;

import java.util.Set;

/**
 * Opens backends for the URI schemes it claims. Found with {@link java.util.ServiceLoader}:
 * a backend jar lists its provider in
 * {@code META-INF/services/dev.cairn.spi.BackendProvider}. Two providers claiming one
 * scheme is an error naming both.
 */
public interface BackendProvider {

  /**
   * Returns the schemes claimed, such as {@code "memory"} or {@code "jdbc:postgresql"}: a URI
   * belongs to the provider whose claimed scheme followed by {@code ':'} is its longest prefix.
   */
  Set<String> schemes();

  /**
   * Opens a backend.
   *
   * @param uri the URI, whose {@code toString()} hides its password
   * @return a backend, never null
   * @throws dev.cairn.InvalidArgumentException if the URI is malformed for this provider
   * @throws dev.cairn.UnavailableException if the backend cannot be reached
   */
  Backend open(BackendUri uri);
}
