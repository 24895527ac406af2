package dev.cairn;

import static dev.cairn.ChangeType.CREATE;
import static dev.cairn.ChangeType.DELETE;
import static dev.cairn.ChangeType.UPDATE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link WatchFilter#test}: by collection, id prefix and change type. */
class WatchFilterTest {
  /** The default filter passes everything. */
  @Test
  void allPassesEverything() {
    for (ChangeType type : ChangeType.values()) {
      assertTrue(WatchFilter.all().test("any", "\uD83D\uDE00", type));
    }
  }

  /** A collection filter passes exactly the named collections, never one sharing a prefix. */
  @Test
  void collections() {
    WatchFilter f = WatchFilter.collections("a", "c");
    assertTrue(f.test("a", "1", CREATE));
    assertTrue(f.test("c", "1", DELETE));
    assertFalse(f.test("ab", "1", CREATE));
    assertFalse(f.test("b", "1", CREATE));
  }

  /** An id-prefix filter passes ids starting with the prefix, in any collection. */
  @Test
  void idPrefix() {
    WatchFilter f = WatchFilter.all().andIdPrefix("t1");
    assertTrue(f.test("x", "t1", UPDATE));
    assertTrue(f.test("y", "t10", UPDATE));
    assertFalse(f.test("x", "t", UPDATE));
    assertFalse(f.test("x", "T1", UPDATE));
  }

  /** A type filter passes only those types. */
  @Test
  void types() {
    WatchFilter f = WatchFilter.all().andTypes(CREATE, DELETE);
    assertTrue(f.test("x", "1", CREATE));
    assertTrue(f.test("x", "1", DELETE));
    assertFalse(f.test("x", "1", UPDATE));
  }

  /** Conditions on different attributes combine: every one must pass. */
  @Test
  void combined() {
    WatchFilter f = WatchFilter.collections("tasks").andIdPrefix("n1/").andTypes(UPDATE);
    assertTrue(f.test("tasks", "n1/t", UPDATE));
    assertFalse(f.test("nodes", "n1/t", UPDATE));
    assertFalse(f.test("tasks", "n2/t", UPDATE));
    assertFalse(f.test("tasks", "n1/t", CREATE));
  }

  /** Naming a collection twice is harmless. */
  @Test
  void duplicateCollectionNamesAccepted() {
    WatchFilter f = WatchFilter.collections("a", "a");
    assertTrue(f.test("a", "1", CREATE));
    assertFalse(f.test("b", "1", CREATE));
  }

  /** Bad collection names and bad prefixes are invalid arguments. */
  @Test
  void badArgumentsRejected() {
    assertThrows(InvalidArgumentException.class, () -> WatchFilter.collections("Bad"));
    assertThrows(InvalidArgumentException.class, () -> WatchFilter.collections("a", null));
    assertThrows(InvalidArgumentException.class, () -> WatchFilter.all().andIdPrefix(""));
    assertThrows(InvalidArgumentException.class, () -> WatchFilter.all().andIdPrefix(null));
    assertThrows(InvalidArgumentException.class, () -> WatchFilter.all().andIdPrefix("a\0"));
    assertThrows(NullPointerException.class, () -> WatchFilter.all().andTypes(null));
  }
}
