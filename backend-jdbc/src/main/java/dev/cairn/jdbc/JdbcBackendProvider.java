package dev.cairn.jdbc;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.Set;

/**
 * Opens JDBC backends for {@code jdbc:postgresql:}, {@code jdbc:sqlite:} and {@code jdbc:h2:}
 * URIs: the driver's URL with Cairn's parameters added to its query ({@code user},
 * {@code password}, {@code poolSize}, {@code poolTimeout} in ms, {@code tablePrefix},
 * {@code retention} in revisions, {@code maxValueBytes}, {@code namespace}). Tables are created
 * on first open. Thread-safe.
 */
public final class JdbcBackendProvider implements BackendProvider {

  @Override
  public Set<String> schemes() {
    return Set.of(Dialect.POSTGRESQL.scheme(), Dialect.SQLITE.scheme(), Dialect.H2.scheme());
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.cairn.InvalidArgumentException if a parameter is malformed, or the database holds
   *     a newer schema than this version of Cairn
   * @throws dev.cairn.UnavailableException if the database cannot be reached
   */
  @Override
  public Backend open(BackendUri uri) {
    return new JdbcBackend(JdbcConfig.from(uri));
  }
}
