package dev.cairn.memory;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.Set;

/**
 * Opens memory backends for {@code memory:} URIs: {@code memory:} alone is a fresh store
 * private to the caller; {@code memory:/some/dir} journals to that directory so data
 * survives restarts. See {@link MemoryConfig} for the parameters.
 */
public final class MemoryBackendProvider implements BackendProvider {
  /** The scheme this provider claims. */
  public static final String SCHEME = "memory";

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  @Override
  public Backend open(BackendUri uri) {
    return new MemoryBackend(MemoryConfig.from(uri));
  }
}
