package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.AlreadyExistsException;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.NotFoundException;
import dev.cairn.Schema;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Create, read, update, put and delete of single records, and their errors. */
public interface CrudTck extends TckArea {
  /** A collection of raw bytes. */
  Schema<byte[]> BYTES = Schema.of("bin", Codec.bytes());

  /** A created record reads back with its value and the commit's revision. */
  @Test
  default void createdRecordIsReadBack() {
    long revision = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(Task.named("one"), read.value());
    assertEquals(revision, read.createRevision());
    assertEquals(revision, read.modRevision());
    assertEquals(revision, read.version());
  }

  /** An absent record reads as empty. */
  @Test
  default void absentRecordReadsEmpty() {
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "nope")).isEmpty());
  }

  /** An update keeps the create revision and moves the mod revision. */
  @Test
  default void updateKeepsCreateRevision() {
    long created = store().update(tx -> tx.create(Task.TASKS, "t", Task.named("t")));
    long updated = store().update(tx -> tx.update(Task.TASKS, "t", Task.named("t").withCounter(5)));
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t")).orElseThrow();
    assertEquals(created, read.createRevision());
    assertEquals(updated, read.modRevision());
    assertTrue(updated > created);
    assertEquals(5, read.value().counter());
  }

  /** Creating an existing id fails with AlreadyExists and writes nothing. */
  @Test
  default void duplicateCreateFails() {
    store().update(tx -> tx.create(Task.PLAIN, "x", "first"));
    long before = store().revision();
    AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
        () -> store().update(tx -> tx.create(Task.PLAIN, "x", "second")));
    assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
    assertTrue(e.getMessage().contains("x"), e.getMessage());
    assertEquals(before, store().revision());
    assertEquals("first", store().view(tx -> tx.get(Task.PLAIN, "x")).orElseThrow().value());
  }

  /** Updating or deleting an absent record fails with NotFound. */
  @Test
  default void updateAndDeleteOfAbsentFail() {
    NotFoundException u = assertThrows(NotFoundException.class,
        () -> store().update(tx -> tx.update(Task.PLAIN, "ghost", "v")));
    assertEquals(ErrorCode.NOT_FOUND, u.code());
    assertThrows(NotFoundException.class, () -> store().update(tx -> tx.delete(Task.PLAIN, "ghost")));
    assertEquals(0, store().revision());
  }

  /** put creates, then replaces. */
  @Test
  default void putCreatesThenReplaces() {
    long first = store().update(tx -> tx.put(Task.PLAIN, "p", "1"));
    long second = store().update(tx -> tx.put(Task.PLAIN, "p", "2"));
    Entry<String> read = store().view(tx -> tx.get(Task.PLAIN, "p")).orElseThrow();
    assertEquals("2", read.value());
    assertEquals(first, read.createRevision());
    assertEquals(second, read.modRevision());
  }

  /** A record deleted and created again gets a new create revision. */
  @Test
  default void recreateGetsNewCreateRevision() {
    long first = store().update(tx -> tx.create(Task.PLAIN, "r", "1"));
    store().update(tx -> tx.delete(Task.PLAIN, "r"));
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "r")).isEmpty());
    long again = store().update(tx -> tx.create(Task.PLAIN, "r", "2"));
    Entry<String> read = store().view(tx -> tx.get(Task.PLAIN, "r")).orElseThrow();
    assertEquals(again, read.createRevision());
    assertTrue(again > first);
  }

  /** All writes of one transaction carry its one revision; revisions grow by one per commit. */
  @Test
  default void oneRevisionPerTransaction() {
    long r1 = store().update(tx -> {
      tx.create(Task.PLAIN, "a", "a");
      tx.create(Task.PLAIN, "b", "b");
      tx.create(Task.TASKS, "c", Task.named("c"));
    });
    long r2 = store().update(tx -> tx.create(Task.PLAIN, "d", "d"));
    assertEquals(r1 + 1, r2);
    for (String id : new String[] {"a", "b"}) {
      assertEquals(r1, store().view(tx -> tx.get(Task.PLAIN, id)).orElseThrow().modRevision());
    }
    assertEquals(r1, store().view(tx -> tx.get(Task.TASKS, "c")).orElseThrow().modRevision());
    assertEquals(r2, store().revision());
  }

  /** An update that writes nothing commits nothing and leaves the revision alone. */
  @Test
  default void readOnlyUpdateCommitsNothing() {
    store().update(tx -> tx.create(Task.PLAIN, "a", "a"));
    long before = store().revision();
    long returned = store().update(tx -> tx.get(Task.PLAIN, "a"));
    assertEquals(before, returned);
    assertEquals(before, store().revision());
  }

  /** Inside its transaction a written record has pending revisions; the create revision survives updates. */
  @Test
  default void writesArePendingInsideTheTransaction() {
    long created = store().update(tx -> tx.create(Task.PLAIN, "old", "o"));
    store().update(tx -> {
      Entry<String> fresh = tx.create(Task.PLAIN, "new", "n");
      assertEquals(Entry.PENDING, fresh.createRevision());
      assertEquals(Entry.PENDING, fresh.modRevision());
      Entry<String> changed = tx.update(Task.PLAIN, "old", "o2");
      assertEquals(created, changed.createRevision());
      assertEquals(Entry.PENDING, changed.modRevision());
      assertEquals("o2", changed.value());
    });
  }

  /** Values of every shape round-trip: empty, unicode, every byte. */
  @Test
  default void valuesRoundTrip() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String unicode = "héllo wörld — 日本語 😀 \u0000 tab\t nl\n";
    store().update(tx -> {
      tx.create(Task.PLAIN, "empty", "");
      tx.create(Task.PLAIN, "unicode", unicode);
      tx.create(BYTES, "bytes", all);
      tx.create(BYTES, "none", new byte[0]);
    });
    assertEquals("", store().view(tx -> tx.get(Task.PLAIN, "empty")).orElseThrow().value());
    assertEquals(unicode, store().view(tx -> tx.get(Task.PLAIN, "unicode")).orElseThrow().value());
    assertArrayEquals(all, store().view(tx -> tx.get(BYTES, "bytes")).orElseThrow().value());
    assertArrayEquals(new byte[0], store().view(tx -> tx.get(BYTES, "none")).orElseThrow().value());
  }

  /** A value of one MiB (or the backend's limit, if smaller) round-trips. */
  @Test
  default void largeValueRoundTrips() {
    int size = (int) Math.min(1 << 20, tck().capabilities().maxValueBytes());
    byte[] big = new byte[size];
    new java.util.Random(7).nextBytes(big);
    store().update(tx -> tx.create(BYTES, "big", big));
    assertArrayEquals(big, store().view(tx -> tx.get(BYTES, "big")).orElseThrow().value());
  }

  /** The same id in two collections is two records. */
  @Test
  default void sameIdInTwoCollectionsIsTwoRecords() {
    store().update(tx -> {
      tx.create(Task.PLAIN, "id", "plain");
      tx.create(Task.TASKS, "id", Task.named("task"));
    });
    store().update(tx -> tx.delete(Task.PLAIN, "id"));
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "id")).isEmpty());
    assertEquals("task", store().view(tx -> tx.get(Task.TASKS, "id")).orElseThrow().value().name());
  }

  /** Ids are case-sensitive and taken literally. */
  @Test
  default void idsAreCaseSensitive() {
    store().update(tx -> {
      tx.create(Task.PLAIN, "Id", "upper");
      tx.create(Task.PLAIN, "id", "lower");
      tx.create(Task.PLAIN, "i%d", "percent");
      tx.create(Task.PLAIN, "i_d", "underscore");
    });
    assertEquals("upper", store().view(tx -> tx.get(Task.PLAIN, "Id")).orElseThrow().value());
    assertEquals("lower", store().view(tx -> tx.get(Task.PLAIN, "id")).orElseThrow().value());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "iXd")).isEmpty());
  }

  /** store.revision() follows commits. */
  @Test
  default void storeRevisionFollowsCommits() {
    assertEquals(0, store().revision());
    AtomicLong last = new AtomicLong();
    for (int i = 0; i < 5; i++) {
      String id = "r" + i;
      last.set(store().update(tx -> tx.create(Task.PLAIN, id, id)));
      assertEquals(last.get(), store().revision());
    }
    assertEquals(5, last.get());
  }

  /** Deleting within the transaction that created a record leaves nothing and commits nothing. */
  @Test
  default void createThenDeleteInOneTransaction() {
    long before = store().revision();
    store().update(tx -> {
      tx.create(Task.PLAIN, "brief", "x");
      tx.delete(Task.PLAIN, "brief");
    });
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "brief")).isEmpty());
    assertEquals(before, store().revision());
  }
}
