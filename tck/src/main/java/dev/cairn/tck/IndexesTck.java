package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secondary indexes: exact and prefix lookup, Or unions, boundaries. */
public interface IndexesTck extends TckArea {

  /** Puts tasks on nodes: id → node. */
  private void place(String... idNodePairs) {
    store().update(tx -> {
      for (int i = 0; i < idNodePairs.length; i += 2) {
        tx.create(Task.TASKS, idNodePairs[i], Task.on(null, idNodePairs[i + 1]));
      }
    });
  }

  /** An exact lookup returns exactly the records holding the key, in id order. */
  @Test
  default void exactLookup() {
    place("c", "n1", "a", "n1", "b", "n2");
    assertEquals(List.of("a", "c"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "n1")))));
  }

  /** An exact lookup of "x" never returns a record keyed "xy". */
  @Test
  default void exactLookupRespectsKeyBoundaries() {
    place("1", "x", "2", "xy", "3", "x-1", "4", "X");
    assertEquals(List.of("1"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "x")))));
  }

  /** A prefix lookup returns every key starting with the prefix and nothing else. */
  @Test
  default void prefixLookup() {
    place("1", "x", "2", "xy", "3", "x-1", "4", "y", "5", "wx");
    assertEquals(List.of("1", "2", "3"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "x")))));
  }

  /** A record with several keys is found by each, once. */
  @Test
  default void multiValuedIndex() {
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.named(null).withLabels("a", "b"));
      tx.create(Task.TASKS, "t2", Task.named(null).withLabels("b"));
    });
    assertEquals(List.of("t1"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("label", "a")))));
    assertEquals(List.of("t1", "t2"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("label", "b")))));
    store().update(tx -> tx.create(Task.TASKS, "t3", Task.named(null).withLabels("ab", "abc")));
    assertEquals(List.of("t1", "t3"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("label", "a")))),
        "a record matching the prefix by two keys comes once");
  }

  /** Or of overlapping selections returns each record once, in id order. */
  @Test
  default void orUnionIsDeduplicated() {
    place("3", "n1", "1", "n2", "2", "n3");
    store().update(tx -> tx.update(Task.TASKS, "3", Task.on("three", "n1")));
    List<String> found = ids(store().view(tx -> tx.find(Task.TASKS,
        By.or(By.exact("node", "n1"), By.exact("node", "n2"), By.prefix("node", "n"), By.name("three")))));
    assertEquals(List.of("1", "2", "3"), found);
  }

  /** An update moves a record between keys. */
  @Test
  default void updateMovesBetweenKeys() {
    place("t", "old");
    store().update(tx -> tx.update(Task.TASKS, "t", Task.on(null, "new")));
    assertTrue(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "old"))).isEmpty());
    assertEquals(List.of("t"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "new")))));
  }

  /** A delete removes the record's index entries. */
  @Test
  default void deleteRemovesEntries() {
    place("t", "n", "u", "n");
    store().update(tx -> tx.delete(Task.TASKS, "t"));
    assertEquals(List.of("u"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "n")))));
  }

  /** find inside an update sees the transaction's own creates, moves and deletes. */
  @Test
  default void findSeesOwnWrites() {
    place("kept", "n", "moved", "n", "gone", "n");
    store().update(tx -> {
      tx.create(Task.TASKS, "added", Task.on(null, "n"));
      tx.update(Task.TASKS, "moved", Task.on(null, "elsewhere"));
      tx.delete(Task.TASKS, "gone");
      assertEquals(List.of("added", "kept"), ids(tx.find(Task.TASKS, By.exact("node", "n"))));
      assertEquals(List.of("moved"), ids(tx.find(Task.TASKS, By.prefix("node", "else"))));
    });
  }

  /** An unknown key finds nothing. */
  @Test
  default void unknownKeyFindsNothing() {
    place("t", "n");
    assertTrue(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "nope"))).isEmpty());
    assertTrue(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "nx"))).isEmpty());
  }

  /** find on an index the schema does not declare is refused. */
  @Test
  default void undeclaredIndexIsRefused() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> store().view(tx -> tx.find(Task.TASKS, By.exact("owner", "x"))));
    assertTrue(e.getMessage().contains("owner"), e.getMessage());
  }

  /** Records with no key in an index are never found through it. */
  @Test
  default void recordsWithoutKeysAreNeverFound() {
    place("keyless", "", "keyed", "a");
    assertEquals(List.of("keyed"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "a")))));
    assertTrue(store().view(tx -> tx.find(Task.TASKS, By.exact("label", "a"))).isEmpty());
  }

  /** Wildcard characters of SQL, glob and regex mean nothing in keys. */
  @Test
  default void wildcardsAreLiteral() {
    place("1", "abc", "2", "a_c", "3", "a%c", "4", "a*c", "5", "a\\c", "6", "a:c", "7", "a.c");
    assertEquals(List.of("2"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "a_c")))));
    assertEquals(List.of("3"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "a%")))));
    assertEquals(List.of("4"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "a*")))));
    assertEquals(List.of("5"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "a\\c")))));
    assertEquals(List.of("7"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "a.c")))));
    assertEquals(List.of("6"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "a:")))));
  }

  /** Unicode keys are matched exactly and by code-point prefix. */
  @Test
  default void unicodeKeys() {
    place("1", "nœud", "2", "nœud-é", "3", "noeud", "4", "😀x", "5", "😀");
    assertEquals(List.of("1", "2"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "nœ")))));
    assertEquals(List.of("4", "5"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "😀")))));
    assertEquals(List.of("5"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "😀")))));
  }

  /** Index keys are case-sensitive (only names fold case). */
  @Test
  default void indexKeysAreCaseSensitive() {
    place("1", "Node", "2", "node");
    assertEquals(List.of("2"), ids(store().view(tx -> tx.find(Task.TASKS, By.exact("node", "node")))));
    assertEquals(List.of("1"), ids(store().view(tx -> tx.find(Task.TASKS, By.prefix("node", "N")))));
  }
}
