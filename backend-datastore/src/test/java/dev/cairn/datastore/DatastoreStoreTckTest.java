package dev.cairn.datastore;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole TCK against Google's Datastore emulator, a fresh namespace per test. */
class DatastoreStoreTckTest extends StoreTck {
  @RegisterExtension
  static final DatastoreFixture EMULATOR = DatastoreFixture.datastore();

  @Override
  protected StoreFactory factory() {
    return EMULATOR.factory();
  }
}
