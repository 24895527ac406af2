package dev.cairn.redis;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.Set;

/**
 * Opens Redis backends for {@code redis://host:port} (standalone), {@code rediss://host:port}
 * (standalone over TLS) and {@code redis-cluster://host:port,host:port} (Redis Cluster) URIs,
 * with an optional {@code user:password@} for ACL users. Every namespace lives in one hash slot,
 * so each commit is one atomic script; see the module README for the parameters, the scaling
 * model and what durability each Redis persistence setting gives. Thread-safe and stateless.
 */
public final class RedisBackendProvider implements BackendProvider {

  /** Returns {@code redis}, {@code rediss} and {@code redis-cluster}. */
  @Override
  public Set<String> schemes() {
    return Set.of(RedisConfig.SCHEME, RedisConfig.TLS_SCHEME, RedisConfig.CLUSTER_SCHEME);
  }

  /**
   * Connects to the server (or the cluster) the URI names.
   *
   * @return a backend, never null
   * @throws dev.cairn.InvalidArgumentException if the URI is malformed
   * @throws dev.cairn.UnavailableException if the server cannot be reached
   */
  @Override
  public Backend open(BackendUri uri) {
    return new RedisBackend(RedisConfig.from(uri));
  }
}
