package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.AlreadyExistsException;
import dev.cairn.CairnException;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.InvalidArgumentException;
import dev.cairn.NotFoundException;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Create, read, update and delete of single records, their revisions, and their errors. */
public interface CrudTck extends TckArea {

  /** A collection of raw bytes. */
  Schema<byte[]> BIN = Schema.of("bin", Codec.bytes());
  /** A second string collection, to share ids with {@link Task#PLAIN}. */
  Schema<String> OTHER = Schema.of("other", Codec.utf8());
  /** The largest value the kit writes on purpose, to keep tests fast on any backend. */
  long LARGE_VALUE_CAP = 4L << 20;

  /** A created record reads back with its value, and both revisions are the commit's. */
  @Test
  default void createdRecordIsReadBack() {
    long revision = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(Task.named("one"), read.value());
    assertEquals(revision, read.createRevision());
    assertEquals(revision, read.modRevision());
  }

  /** Reading an id nobody wrote gives empty, not an error. */
  @Test
  default void absentRecordReadsEmpty() {
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "nope")).isEmpty());
  }

  /** An update keeps the createRevision, moves modRevision (the version) to its commit. */
  @Test
  default void updateKeepsCreateRevisionAndMovesModRevision() {
    long created = store().update(tx -> tx.create(Task.TASKS, "t1", Task.on("one", "n1")));
    long updated = store().update(tx -> tx.update(Task.TASKS, "t1", Task.on("one", "n2")));
    assertTrue(updated > created, "update revision " + updated + " must follow create revision " + created);
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(Task.on("one", "n2"), read.value());
    assertEquals(created, read.createRevision());
    assertEquals(updated, read.modRevision());
    assertEquals(updated, read.version());
  }

  /** Put creates an absent record and replaces an existing one, keeping its createRevision. */
  @Test
  default void putCreatesThenReplaces() {
    long first = store().update(tx -> tx.put(Task.PLAIN, "p", "v1"));
    Entry<String> afterCreate = store().view(tx -> tx.get(Task.PLAIN, "p")).orElseThrow();
    assertEquals(new Entry<>("p", "v1", first, first), afterCreate);
    long second = store().update(tx -> tx.put(Task.PLAIN, "p", "v2"));
    assertTrue(second > first);
    assertEquals(new Entry<>("p", "v2", first, second), store().view(tx -> tx.get(Task.PLAIN, "p")).orElseThrow());
  }

  /** Each commit gets a larger revision than the last, and store.revision() follows commits. */
  @Test
  default void revisionsStrictlyIncreaseAndStoreRevisionFollows() {
    long previous = store().revision();
    for (int i = 0; i < 10; i++) {
      String id = "r" + i;
      long committed = i % 3 == 0
          ? store().update(tx -> tx.create(Task.PLAIN, id, "x"))
          : store().update(tx -> tx.put(Task.PLAIN, "shared", id));
      assertTrue(committed > previous, "commit " + i + " got revision " + committed + " after " + previous);
      assertEquals(committed, store().revision(), "store.revision() after commit " + i);
      previous = committed;
    }
  }

  /** Every write of one transaction, in any collection, carries that transaction's revision. */
  @Test
  default void allWritesOfOneTransactionShareItsRevision() {
    long before = store().update(tx -> {
      tx.create(Task.PLAIN, "old", "v0");
      tx.create(Task.PLAIN, "doomed", "v0");
    });
    long revision = store().update(tx -> {
      tx.create(Task.PLAIN, "a", "1");
      tx.create(Task.TASKS, "a", Task.named("a"));
      tx.put(OTHER, "b", "2");
      tx.update(Task.PLAIN, "old", "v1");
      tx.delete(Task.PLAIN, "doomed");
    });
    assertTrue(revision > before);
    assertEquals(revision, store().revision());
    store().view(tx -> {
      assertEquals(new Entry<>("a", "1", revision, revision), tx.get(Task.PLAIN, "a").orElseThrow());
      assertEquals(revision, tx.get(Task.TASKS, "a").orElseThrow().modRevision());
      assertEquals(revision, tx.get(OTHER, "b").orElseThrow().createRevision());
      assertEquals(new Entry<>("old", "v1", before, revision), tx.get(Task.PLAIN, "old").orElseThrow());
      assertTrue(tx.get(Task.PLAIN, "doomed").isEmpty());
      return null;
    });
  }

  /** Creating an existing id fails with ALREADY_EXISTS, and the transaction writes nothing. */
  @Test
  default void duplicateCreateFailsAndWritesNothing() {
    long revision = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store().update(tx -> {
      tx.create(Task.PLAIN, "side", "written before the failure");
      tx.create(Task.TASKS, "t1", Task.named("two"));
    }));
    assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
    assertTrue(e.getMessage().contains("t1"), "message names the id: " + e.getMessage());
    assertEquals(revision, store().revision(), "a failed transaction must not advance the revision");
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "side")).isEmpty());
    Entry<Task> kept = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(new Entry<>("t1", Task.named("one"), revision, revision), kept);
  }

  /** Updating an absent record fails with NOT_FOUND, and the transaction writes nothing. */
  @Test
  default void updateOfAbsentRecordFailsAndWritesNothing() {
    long revision = store().update(tx -> tx.create(Task.PLAIN, "present", "v"));
    NotFoundException e = assertThrows(NotFoundException.class, () -> store().update(tx -> {
      tx.update(Task.PLAIN, "present", "changed");
      tx.update(Task.PLAIN, "absent", "v");
    }));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("absent"), "message names the id: " + e.getMessage());
    assertEquals(revision, store().revision());
    assertEquals("v", store().view(tx -> tx.get(Task.PLAIN, "present")).orElseThrow().value());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "absent")).isEmpty(), "update must not create");
  }

  /** Deleting an absent record fails with NOT_FOUND; so does deleting it twice in one transaction. */
  @Test
  default void deleteOfAbsentRecordFailsAndWritesNothing() {
    long revision = store().update(tx -> tx.create(Task.PLAIN, "present", "v"));
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> store().update(tx -> tx.delete(Task.PLAIN, "absent")));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("absent"), "message names the id: " + e.getMessage());
    assertThrows(NotFoundException.class, () -> store().update(tx -> {
      tx.delete(Task.PLAIN, "present");
      tx.delete(Task.PLAIN, "present");
    }));
    assertEquals(revision, store().revision());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "present")).isPresent(), "the failed delete rolled back");
  }

  /** A deleted record is gone; created again, it is a new record with a new createRevision. */
  @Test
  default void deleteThenRecreateGetsNewCreateRevision() {
    long created = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    long deleted = store().update(tx -> tx.delete(Task.TASKS, "t1"));
    assertTrue(deleted > created);
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t1")).isEmpty());
    assertTrue(store().view(tx -> tx.getByName(Task.TASKS, "one")).isEmpty(), "its name is released");
    long recreated = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    assertTrue(recreated > deleted);
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(recreated, read.createRevision(), "a recreated record must not inherit the old createRevision");
    assertEquals(recreated, read.modRevision());
  }

  /** Empty strings, every plane of Unicode and control characters survive a round trip. */
  @Test
  default void stringValuesRoundTripExactly() {
    List<String> values = List.of("", " ", "plain", "é ü ß Ω Ж 中文 日本語", "😀🎉 𝄞", "\u0000nul\u0001ctl\n\r\t",
        "\uFFFD\uFEFF\uFFFF", "x".repeat(10_000));
    store().update(tx -> {
      for (int i = 0; i < values.size(); i++) {
        tx.create(Task.PLAIN, "v" + i, values.get(i));
      }
    });
    store().view(tx -> {
      for (int i = 0; i < values.size(); i++) {
        assertEquals(values.get(i), tx.get(Task.PLAIN, "v" + i).orElseThrow().value(), "value " + i);
      }
      return null;
    });
  }

  /** Binary values keep every byte value 0..255 and their length, including the empty array. */
  @Test
  default void binaryValuesRoundTripEveryByte() {
    byte[] all = new byte[256 * 3];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    byte[] reversed = new byte[256];
    for (int i = 0; i < 256; i++) {
      reversed[i] = (byte) (255 - i);
    }
    store().update(tx -> {
      tx.create(BIN, "all", all);
      tx.create(BIN, "reversed", reversed);
      tx.create(BIN, "empty", new byte[0]);
      tx.create(BIN, "zeros", new byte[1000]);
    });
    store().view(tx -> {
      assertArrayEquals(all, tx.get(BIN, "all").orElseThrow().value());
      assertArrayEquals(reversed, tx.get(BIN, "reversed").orElseThrow().value());
      assertArrayEquals(new byte[0], tx.get(BIN, "empty").orElseThrow().value());
      assertArrayEquals(new byte[1000], tx.get(BIN, "zeros").orElseThrow().value());
      return null;
    });
  }

  /** A value exactly at the backend's limit (or 1 MiB when the limit is huge) is stored whole. */
  @Test
  default void largeValueUpToTheLimitRoundTrips() {
    long max = tck().capabilities().maxValueBytes();
    int size = (int) (max <= LARGE_VALUE_CAP ? max : 1 << 20);
    byte[] large = new byte[size];
    new Random(size).nextBytes(large);
    long revision = store().update(tx -> tx.create(BIN, "large", large));
    Entry<byte[]> read = store().view(tx -> tx.get(BIN, "large")).orElseThrow();
    assertEquals(revision, read.modRevision());
    assertEquals(size, read.value().length);
    assertArrayEquals(large, read.value());
  }

  /** The same id in two collections names two independent records. */
  @Test
  default void sameIdInTwoCollectionsIsTwoRecords() {
    long created = store().update(tx -> {
      tx.create(Task.PLAIN, "id", "plain");
      tx.create(OTHER, "id", "other");
    });
    long updated = store().update(tx -> tx.update(Task.PLAIN, "id", "plain2"));
    assertEquals(new Entry<>("id", "other", created, created), store().view(tx -> tx.get(OTHER, "id")).orElseThrow());
    store().update(tx -> tx.delete(OTHER, "id"));
    assertTrue(store().view(tx -> tx.get(OTHER, "id")).isEmpty());
    assertEquals(new Entry<>("id", "plain2", created, updated), store().view(tx -> tx.get(Task.PLAIN, "id")).orElseThrow());
    assertThrows(AlreadyExistsException.class, () -> store().update(tx -> tx.create(Task.PLAIN, "id", "again")));
    store().update(tx -> tx.create(OTHER, "id", "again"));
  }

  /**
   * Inside the transaction, writes return the record as it will commit: the value, PENDING where
   * the revision is not known yet, and later reads of the same transaction see the same.
   */
  @Test
  default void writesReturnTheirValueWithPendingRevisions() {
    long created = store().update(tx -> tx.create(Task.PLAIN, "old", "v0"));
    List<Entry<String>> seen = new ArrayList<>();
    long committed = store().update(tx -> {
      seen.clear();
      seen.add(tx.create(Task.PLAIN, "new", "n"));
      seen.add(tx.get(Task.PLAIN, "new").orElseThrow());
      seen.add(tx.update(Task.PLAIN, "old", "v1"));
      seen.add(tx.get(Task.PLAIN, "old").orElseThrow());
      seen.add(tx.put(Task.PLAIN, "new", "n2"));
      seen.add(tx.put(Task.PLAIN, "old", "v2"));
    });
    assertEquals(List.of(
        new Entry<>("new", "n", Entry.PENDING, Entry.PENDING),
        new Entry<>("new", "n", Entry.PENDING, Entry.PENDING),
        new Entry<>("old", "v1", created, Entry.PENDING),
        new Entry<>("old", "v1", created, Entry.PENDING),
        new Entry<>("new", "n2", Entry.PENDING, Entry.PENDING),
        new Entry<>("old", "v2", created, Entry.PENDING)), seen);
    assertEquals(new Entry<>("new", "n2", committed, committed), store().view(tx -> tx.get(Task.PLAIN, "new")).orElseThrow());
    assertEquals(new Entry<>("old", "v2", created, committed), store().view(tx -> tx.get(Task.PLAIN, "old")).orElseThrow());
  }

  /** An update that only reads commits nothing: same revision, and it returns the revision it read. */
  @Test
  default void readOnlyUpdateCommitsNothing() {
    long revision = store().update(tx -> tx.create(Task.PLAIN, "a", "v"));
    long returned = store().update(tx -> assertEquals("v", tx.get(Task.PLAIN, "a").orElseThrow().value()));
    assertEquals(revision, returned, "an update without writes returns its read revision");
    Optional<Entry<String>> got = store().updateAndGet(tx -> tx.get(Task.PLAIN, "a"));
    assertEquals(new Entry<>("a", "v", revision, revision), got.orElseThrow());
    assertEquals(revision, store().revision(), "no revision for transactions without writes");
    assertEquals(revision, store().view(tx -> tx.get(Task.PLAIN, "a")).orElseThrow().modRevision());
  }

  /** Every failure carries the stable code of its class, and they are all CairnExceptions. */
  @Test
  default void errorsCarryStableCodes() {
    store().update(tx -> tx.create(Task.PLAIN, "a", "v"));
    List<CairnException> errors = new ArrayList<>();
    Store s = store();
    errors.add(assertThrows(CairnException.class, () -> s.update(tx -> tx.create(Task.PLAIN, "a", "v"))));
    errors.add(assertThrows(CairnException.class, () -> s.update(tx -> tx.update(Task.PLAIN, "b", "v"))));
    errors.add(assertThrows(CairnException.class, () -> s.update(tx -> tx.delete(Task.PLAIN, "b"))));
    errors.add(assertThrows(CairnException.class, () -> s.update(tx -> tx.create(Task.PLAIN, "", "v"))));
    List<ErrorCode> codes = new ArrayList<>();
    for (CairnException e : errors) {
      codes.add(e.code());
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "every error explains itself: " + e);
    }
    assertEquals(Arrays.asList(ErrorCode.ALREADY_EXISTS, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND,
        ErrorCode.INVALID_ARGUMENT), codes);
    assertInstanceOf(AlreadyExistsException.class, errors.get(0));
    assertInstanceOf(NotFoundException.class, errors.get(1));
    assertInstanceOf(NotFoundException.class, errors.get(2));
    assertInstanceOf(InvalidArgumentException.class, errors.get(3));
  }
}
