package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link By}: validation of index names, keys, names and alternatives. */
class ByTest {
  /** Exact and prefix lookups need a valid index name and a valid key. */
  @Test
  void indexAndKeyValidated() {
    assertDoesNotThrow(() -> By.exact("node", "n1"));
    assertDoesNotThrow(() -> By.prefix("node", "n"));
    for (String badIndex : new String[] {null, "", "Node", "1node", "_name"}) {
      assertThrows(InvalidArgumentException.class, () -> By.exact(badIndex, "k"), badIndex);
      assertThrows(InvalidArgumentException.class, () -> By.prefix(badIndex, "k"), badIndex);
    }
    for (String badKey : new String[] {null, "", "a\0", "\uD800", "k".repeat(513)}) {
      assertThrows(InvalidArgumentException.class, () -> By.exact("node", badKey));
      assertThrows(InvalidArgumentException.class, () -> By.prefix("node", badKey));
    }
  }

  /** Names and name prefixes follow the id rule. */
  @Test
  void namesValidated() {
    assertDoesNotThrow(() -> By.name("Web-1"));
    for (String bad : new String[] {null, "", "a\0", "\uDC00", "n".repeat(513)}) {
      assertThrows(InvalidArgumentException.class, () -> By.name(bad));
      assertThrows(InvalidArgumentException.class, () -> By.namePrefix(bad));
    }
  }

  /** A union needs at least one alternative, none null. */
  @Test
  void orValidated() {
    assertThrows(InvalidArgumentException.class, By::or);
    assertThrows(NullPointerException.class, () -> By.or(By.name("a"), null));
    assertDoesNotThrow(() -> By.or(By.name("a")));
    assertDoesNotThrow(() -> By.or(By.exact("node", "n1"), By.or(By.name("a"), By.prefix("label", "x"))));
  }
}
