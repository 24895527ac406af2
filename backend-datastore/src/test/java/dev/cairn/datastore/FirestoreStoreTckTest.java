package dev.cairn.datastore;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole TCK against Google's Firestore emulator in Datastore mode, a fresh namespace per test. */
class FirestoreStoreTckTest extends StoreTck {
  @RegisterExtension
  static final DatastoreFixture EMULATOR = DatastoreFixture.firestore();

  @Override
  protected StoreFactory factory() {
    return EMULATOR.factory();
  }
}
