package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telling a point read's lookup that cannot be of one snapshot (its keys read at different times). */
class OneSnapshotTest {
  private static final Layout LAYOUT = new Layout("p", null, "cairn");
  private static final Key ROOT = LAYOUT.root("ns");
  private static final Key COLLECTION = LAYOUT.collection(ROOT, "items");

  private static List<Entity> read(long root, long collection, Long modified) {
    Entity record = modified == null ? null
        : Entity.newBuilder(LAYOUT.record(COLLECTION, "a")).set(Layout.MODIFIED, modified).build();
    return Arrays.asList(Entity.newBuilder(ROOT).set(Layout.REVISION, root).build(),
        collection == 0 ? null : Entity.newBuilder(COLLECTION).set(Layout.REVISION, collection).build(), record);
  }

  @Test
  void aSnapshotHasRootAtLeastCollectionAtLeastRecord() {
    assertTrue(DatastoreBackend.ofOneSnapshot(read(9, 7, 7L)));
    assertTrue(DatastoreBackend.ofOneSnapshot(read(9, 7, 3L)), "a record older than its collection's last write");
    assertTrue(DatastoreBackend.ofOneSnapshot(read(9, 0, null)), "no collection, no record");
    assertTrue(DatastoreBackend.ofOneSnapshot(read(9, 7, null)), "an absent record");
  }

  @Test
  void aRecordOrCollectionNewerThanTheRevisionAnsweredIsTorn() {
    assertFalse(DatastoreBackend.ofOneSnapshot(read(9, 9, 10L)), "the record read after a commit the root was not");
    assertFalse(DatastoreBackend.ofOneSnapshot(read(9, 10, 10L)), "the collection too");
    assertFalse(DatastoreBackend.ofOneSnapshot(read(9, 8, 9L)), "the record after its collection");
  }
}
