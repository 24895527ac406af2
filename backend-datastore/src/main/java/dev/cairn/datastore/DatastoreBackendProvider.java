package dev.cairn.datastore;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.Set;

/**
 * Opens Datastore backends for {@code datastore://PROJECT[/DATABASE]} URIs: Google Cloud
 * Datastore (Firestore in Datastore mode) with the credentials the client finds in the
 * environment, or an emulator named by {@code emulatorHost=host:port} (or
 * {@code DATASTORE_EMULATOR_HOST}). See the module README for the parameters, the data model and
 * the scaling model. Thread-safe and stateless.
 */
public final class DatastoreBackendProvider implements BackendProvider {

  /** Returns {@code datastore}. */
  @Override
  public Set<String> schemes() {
    return Set.of(DatastoreConfig.SCHEME);
  }

  /**
   * Sets up a client for the project the URI names; nothing is sent until the first request.
   *
   * @return a backend, never null
   * @throws dev.cairn.InvalidArgumentException if the URI is malformed
   * @throws dev.cairn.UnavailableException if no client can be set up (no credentials found)
   */
  @Override
  public Backend open(BackendUri uri) {
    return new DatastoreBackend(DatastoreConfig.from(uri));
  }
}
