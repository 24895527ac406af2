package dev.cairn.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link IdRange}: membership in code-point order and narrowing after a cursor. */
class IdRangeTest {
  private static final String U10000 = "\uD800\uDC00";

  /** {@link IdRange#ALL} holds every id. */
  @Test
  void allContainsEverything() {
    for (String id : new String[] {"a", "\uFFFF", U10000, "\uDBFF\uDFFF"}) {
      assertTrue(IdRange.ALL.contains(id));
    }
  }

  /** The lower bound is inclusive or not as asked; the upper bound is always exclusive. */
  @Test
  void boundsInclusiveAndExclusive() {
    IdRange closed = new IdRange("b", true, "d");
    assertFalse(closed.contains("a"));
    assertTrue(closed.contains("b"));
    assertTrue(closed.contains("c\uDBFF\uDFFF"));
    assertFalse(closed.contains("d"));
    assertFalse(closed.contains("da"));
    IdRange open = new IdRange("b", false, "d");
    assertFalse(open.contains("b"));
    assertTrue(open.contains("ba"));
  }

  /** Null bounds are unbounded. */
  @Test
  void nullBoundsAreUnbounded() {
    assertTrue(new IdRange(null, true, "b").contains(""));
    assertFalse(new IdRange(null, true, "b").contains("b"));
    assertTrue(new IdRange("b", true, null).contains("\uDBFF\uDFFF"));
  }

  /** Bounds compare by code point: U+FFFF lies below U+10000. */
  @Test
  void codePointOrder() {
    assertTrue(new IdRange(null, true, U10000).contains("\uFFFF"));
    assertFalse(new IdRange("\uFFFF", false, null).contains("\uE000"));
    assertTrue(new IdRange("\uFFFF", false, null).contains(U10000));
  }

  /** After a cursor the range starts strictly after it and keeps its upper bound. */
  @Test
  void afterNarrowsToStrictlyAfter() {
    IdRange range = new IdRange("b", true, "f");
    assertEquals(new IdRange("c", false, "f"), range.after("c"));
    IdRange afterLower = range.after("b");
    assertFalse(afterLower.contains("b"));
    assertTrue(afterLower.contains("ba"));
    assertEquals(new IdRange("x", false, null), IdRange.ALL.after("x"));
  }

  /** A cursor before the lower bound does not widen the range. */
  @Test
  void afterNeverWidens() {
    IdRange range = new IdRange("d", true, "f");
    assertSame(range, range.after("b"));
    assertTrue(range.after("b").contains("d"));
    assertFalse(range.after("b").contains("c"));
  }
}
