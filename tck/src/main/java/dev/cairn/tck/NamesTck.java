package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.ErrorCode;
import dev.cairn.NameConflictException;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Unique case-insensitive names: conflicts on create and update, rename, lookup (swarmkit's name rules). */
public interface NamesTck extends TckArea {

  /** getByName ignores case. */
  @Test
  default void lookupIgnoresCase() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("Web")));
    assertEquals("t1", store().view(tx -> tx.getByName(Task.TASKS, "web")).orElseThrow().id());
    assertEquals("t1", store().view(tx -> tx.getByName(Task.TASKS, "WEB")).orElseThrow().id());
    assertTrue(store().view(tx -> tx.getByName(Task.TASKS, "we")).isEmpty(), "a prefix is not the name");
  }

  /** Creating a record with a name another holds fails and writes nothing. */
  @Test
  default void createWithHeldNameConflicts() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("web")));
    long before = store().revision();
    NameConflictException e = assertThrows(NameConflictException.class,
        () -> store().update(tx -> tx.create(Task.TASKS, "t2", Task.named("web"))));
    assertEquals(ErrorCode.NAME_CONFLICT, e.code());
    assertTrue(e.getMessage().contains("web"), e.getMessage());
    assertEquals(before, store().revision());
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t2")).isEmpty());
  }

  /** Names conflict regardless of case. */
  @Test
  default void namesConflictAcrossCase() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("web")));
    assertThrows(NameConflictException.class, () -> store().update(tx -> tx.create(Task.TASKS, "t2", Task.named("WEB"))));
    assertThrows(NameConflictException.class, () -> store().update(tx -> tx.create(Task.TASKS, "t3", Task.named("wEb"))));
  }

  /** Renaming to a held name fails; the record keeps its old name. */
  @Test
  default void updateToHeldNameConflicts() {
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named("one"));
      tx.create(Task.TASKS, "t2", Task.named("two"));
    });
    assertThrows(NameConflictException.class, () -> store().update(tx -> tx.update(Task.TASKS, "t2", Task.named("ONE"))));
    assertEquals("two", store().view(tx -> tx.get(Task.TASKS, "t2")).orElseThrow().value().name());
  }

  /** A rename frees the old name for another record, in a later transaction. */
  @Test
  default void renameFreesTheOldName() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("old")));
    store().update(tx -> tx.update(Task.TASKS, "t1", Task.named("new")));
    store().update(tx -> tx.create(Task.TASKS, "t2", Task.named("old")));
    assertEquals("t2", store().view(tx -> tx.getByName(Task.TASKS, "old")).orElseThrow().id());
    assertEquals("t1", store().view(tx -> tx.getByName(Task.TASKS, "new")).orElseThrow().id());
  }

  /** A rename frees the old name within the same transaction too. */
  @Test
  default void renameFreesTheNameInTheSameTransaction() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("old")));
    store().update(tx -> {
      tx.update(Task.TASKS, "t1", Task.named("new"));
      tx.create(Task.TASKS, "t2", Task.named("old"));
    });
    assertEquals("t2", store().view(tx -> tx.getByName(Task.TASKS, "old")).orElseThrow().id());
  }

  /** Two records swap names inside one transaction. */
  @Test
  default void swapNamesInOneTransaction() {
    store().update(tx -> {
      tx.create(Task.TASKS, "a", Task.named("x"));
      tx.create(Task.TASKS, "b", Task.named("y"));
    });
    store().update(tx -> {
      tx.update(Task.TASKS, "a", Task.named("tmp"));
      tx.update(Task.TASKS, "b", Task.named("x"));
      tx.update(Task.TASKS, "a", Task.named("y"));
    });
    assertEquals("b", store().view(tx -> tx.getByName(Task.TASKS, "x")).orElseThrow().id());
    assertEquals("a", store().view(tx -> tx.getByName(Task.TASKS, "y")).orElseThrow().id());
    assertTrue(store().view(tx -> tx.getByName(Task.TASKS, "tmp")).isEmpty());
  }

  /** Deleting a record frees its name. */
  @Test
  default void deleteFreesTheName() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("web")));
    store().update(tx -> tx.delete(Task.TASKS, "t1"));
    assertTrue(store().view(tx -> tx.getByName(Task.TASKS, "web")).isEmpty());
    store().update(tx -> tx.create(Task.TASKS, "t2", Task.named("Web")));
    assertEquals("t2", store().view(tx -> tx.getByName(Task.TASKS, "web")).orElseThrow().id());
  }

  /** Two creates with one name in one transaction conflict. */
  @Test
  default void sameNameTwiceInOneTransactionConflicts() {
    assertThrows(NameConflictException.class, () -> store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named("dup"));
      tx.create(Task.TASKS, "t2", Task.named("DUP"));
    }));
    assertTrue(store().view(tx -> tx.listAll(Task.TASKS)).isEmpty());
  }

  /**
   * Within one transaction, a name given up (by deleting a record created there, or by renaming a
   * stored one) can be taken by another record, and is held again once taken.
   */
  @Test
  default void nameGivenUpInATransactionCanBeRetaken() {
    store().update(tx -> tx.create(Task.TASKS, "stored", Task.named("kept")));
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named("web"));
      tx.delete(Task.TASKS, "t1");
      tx.create(Task.TASKS, "t2", Task.named("WEB"));
      tx.update(Task.TASKS, "stored", Task.named("other"));
      tx.create(Task.TASKS, "t3", Task.named("kept"));
      assertThrows(NameConflictException.class, () -> tx.create(Task.TASKS, "t4", Task.named("Web")));
    });
    assertEquals("t2", store().view(tx -> tx.getByName(Task.TASKS, "web")).orElseThrow().id());
    assertEquals("t3", store().view(tx -> tx.getByName(Task.TASKS, "kept")).orElseThrow().id());
    assertEquals("stored", store().view(tx -> tx.getByName(Task.TASKS, "other")).orElseThrow().id());
  }

  /** Records without a name never conflict. */
  @Test
  default void unnamedRecordsNeverConflict() {
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named(null));
      tx.create(Task.TASKS, "t2", Task.named(null));
    });
    assertEquals(2, store().view(tx -> tx.listAll(Task.TASKS)).size());
  }

  /** Concurrent creates of one name under different ids: exactly one wins, the other gets NameConflict. */
  @Test
  default void concurrentCreatesOfOneNameOneWins() throws Exception {
    for (int round = 0; round < 10; round++) {
      String name = "race-" + round;
      AtomicInteger won = new AtomicInteger();
      AtomicInteger conflicted = new AtomicInteger();
      CyclicBarrier bothLooked = new CyclicBarrier(2);
      TransactionsTck.runConcurrently(2, thread -> {
        AtomicInteger attempt = new AtomicInteger();
        try {
          store().update(tx -> {
            tx.getByName(Task.TASKS, name);
            if (attempt.getAndIncrement() == 0) {
              TransactionsTck.await(bothLooked);
            }
            tx.create(Task.TASKS, name + "-" + thread, Task.named(name));
          });
          won.incrementAndGet();
        } catch (NameConflictException e) {
          conflicted.incrementAndGet();
        }
      });
      assertEquals(1, won.get(), "round " + round);
      assertEquals(1, conflicted.get(), "round " + round);
      assertEquals(1, store().view(tx -> tx.find(Task.TASKS, By.name(name))).size());
    }
  }

  /** Find by name and by name prefix, case-insensitively. */
  @Test
  default void findByNameAndNamePrefix() {
    store().update(tx -> {
      tx.create(Task.TASKS, "1", Task.named("Web-1"));
      tx.create(Task.TASKS, "2", Task.named("web-2"));
      tx.create(Task.TASKS, "3", Task.named("db"));
    });
    assertEquals(List.of("1", "2"), ids(store().view(tx -> tx.find(Task.TASKS, By.namePrefix("WEB-")))));
    assertEquals(List.of("2"), ids(store().view(tx -> tx.find(Task.TASKS, By.name("WEB-2")))));
  }

  /** A name may equal another record's id without conflict. */
  @Test
  default void nameMayEqualAnotherId() {
    store().update(tx -> {
      tx.create(Task.TASKS, "alpha", Task.named("beta"));
      tx.create(Task.TASKS, "beta", Task.named("alpha"));
    });
    assertEquals("beta", store().view(tx -> tx.getByName(Task.TASKS, "alpha")).orElseThrow().id());
  }

  /** Keeping one's own name on update is no conflict. */
  @Test
  default void keepingOwnNameIsNoConflict() {
    store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("mine")));
    store().update(tx -> tx.update(Task.TASKS, "t1", Task.named("MINE").withCounter(3)));
    assertEquals("MINE", store().view(tx -> tx.getByName(Task.TASKS, "mine")).orElseThrow().value().name());
  }
}
