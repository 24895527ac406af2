package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ListOptions}: validation of prefixes, ranges, page sizes and cursors. */
class ListOptionsTest {
  /** The page size runs from 1 to {@link ListOptions#MAX_LIMIT}; the default is documented. */
  @Test
  void limitBounds() {
    assertEquals(ListOptions.DEFAULT_LIMIT, ListOptions.all().limit());
    assertEquals(1, ListOptions.all().limit(1).limit());
    assertEquals(ListOptions.MAX_LIMIT, ListOptions.all().limit(ListOptions.MAX_LIMIT).limit());
    assertThrows(InvalidArgumentException.class, () -> ListOptions.all().limit(0));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.all().limit(-1));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.all().limit(ListOptions.MAX_LIMIT + 1));
  }

  /** A prefix follows the id rule. */
  @Test
  void prefixValidated() {
    assertThrows(InvalidArgumentException.class, () -> ListOptions.prefix(null));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.prefix(""));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.prefix("a\uD800"));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.prefix("a".repeat(513)));
    assertDoesNotThrow(() -> ListOptions.prefix("\uD83D\uDE00"));
  }

  /** Range bounds follow the id rule and may be null; the start may not follow the end. */
  @Test
  void rangeValidated() {
    assertDoesNotThrow(() -> ListOptions.range(null, null));
    assertDoesNotThrow(() -> ListOptions.range("a", null));
    assertDoesNotThrow(() -> ListOptions.range(null, "b"));
    assertDoesNotThrow(() -> ListOptions.range("a", "a"));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.range("b", "a"));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.range("", "b"));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.range("a", "b\0"));
  }

  /** Range order is code-point order: U+FFFF comes before U+10000, unlike String.compareTo. */
  @Test
  void rangeUsesCodePointOrder() {
    assertDoesNotThrow(() -> ListOptions.range("\uFFFF", "\uD800\uDC00"));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.range("\uD800\uDC00", "\uFFFF"));
  }

  /** A cursor may be null (first page) but not an invalid id. */
  @Test
  void cursorValidated() {
    assertDoesNotThrow(() -> ListOptions.all().after(null));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.all().after(""));
    assertThrows(InvalidArgumentException.class, () -> ListOptions.all().after("\uDC00"));
    assertEquals(7, ListOptions.prefix("p").limit(7).after("p1").limit());
  }
}
