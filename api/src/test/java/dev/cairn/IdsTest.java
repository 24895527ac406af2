package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Ids}: code-point order of ids and the end of a prefix range. */
class IdsTest {
  private static final String U10000 = "\uD800\uDC00";
  private static final String U10FFFF = "\uDBFF\uDFFF";
  private static final String EMOJI = "\uD83D\uDE00";

  /** Supplementary characters sort after U+E000–U+FFFF, unlike {@link String#compareTo}. */
  @Test
  void supplementaryAfterPrivateUseArea() {
    for (String bmpHigh : new String[] {"\uE000", "\uFFFD", "\uFFFF"}) {
      for (String supplementary : new String[] {U10000, EMOJI, U10FFFF}) {
        assertTrue(Ids.compare(bmpHigh, supplementary) < 0, bmpHigh + " vs " + supplementary);
        assertTrue(Ids.compare(supplementary, bmpHigh) > 0);
        assertTrue(bmpHigh.compareTo(supplementary) > 0, "String order differs, which is the point");
      }
    }
  }

  /** Equal strings compare 0; a prefix sorts before its extensions; the empty string first. */
  @Test
  void prefixesFirst() {
    assertEquals(0, Ids.compare("a" + EMOJI, "a" + EMOJI));
    assertTrue(Ids.compare("a", "ab") < 0);
    assertTrue(Ids.compare("ab", "a") > 0);
    assertTrue(Ids.compare("", "a") < 0);
    assertTrue(Ids.compare("a", "b") < 0);
    assertTrue(Ids.compare(EMOJI, EMOJI + "a") < 0);
  }

  /** On random strings, the order is that of unsigned UTF-8 bytes, and {@link Ids#ORDER} agrees. */
  @Test
  void agreesWithUtf8ByteOrder() {
    int[] pool = {'a', 'b', 0x7F, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    Random random = new Random(42);
    for (int i = 0; i < 5000; i++) {
      String a = randomString(random, pool);
      String b = randomString(random, pool);
      int expected = Integer.signum(Arrays.compareUnsigned(
          a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(Ids.compare(a, b)), a + " vs " + b);
      assertEquals(expected, Integer.signum(Ids.ORDER.compare(a, b)));
    }
  }

  private static String randomString(Random random, int[] pool) {
    StringBuilder sb = new StringBuilder();
    for (int n = random.nextInt(4); n > 0; n--) {
      sb.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return sb.toString();
  }

  /** The empty prefix has no end (it covers everything). */
  @Test
  void prefixEndOfEmptyIsNull() {
    assertNull(Ids.prefixEnd(""));
  }

  /** An ordinary prefix ends at its last character plus one. */
  @Test
  void prefixEndIncrementsTheLastCharacter() {
    assertEquals("abd", Ids.prefixEnd("abc"));
    assertEquals("t2", Ids.prefixEnd("t1"));
    assertEquals("a" + "\uD83D\uDE01", Ids.prefixEnd("a" + EMOJI));
  }

  /** After U+FFFF comes U+10000, a surrogate pair. */
  @Test
  void prefixEndAfterFfff() {
    assertEquals("a" + U10000, Ids.prefixEnd("a\uFFFF"));
  }

  /** U+10FFFF cannot be incremented: the character before it is, and trailing ones drop. */
  @Test
  void prefixEndCarriesPastMaxCodePoint() {
    assertEquals("b", Ids.prefixEnd("a" + U10FFFF));
    assertEquals("ac", Ids.prefixEnd("ab" + U10FFFF + U10FFFF));
    assertNull(Ids.prefixEnd(U10FFFF));
    assertNull(Ids.prefixEnd(U10FFFF + U10FFFF));
  }

  /** After U+D7FF comes U+E000: the surrogate block holds no characters. */
  @Test
  void prefixEndSkipsSurrogateBlock() {
    assertEquals("a\uE000", Ids.prefixEnd("a\uD7FF"));
  }

  /** Every extension of a prefix sorts before its end, and the prefix's predecessor range does not. */
  @Test
  void prefixEndBoundsEveryExtension() {
    for (String prefix : new String[] {"a", "a\uFFFF", "a\uD7FF", "a" + U10FFFF, "x" + EMOJI}) {
      String end = Ids.prefixEnd(prefix);
      for (String tail : new String[] {"", "a", "\uFFFF", U10FFFF + U10FFFF, EMOJI}) {
        assertTrue(Ids.compare(prefix + tail, end) < 0, prefix + tail + " < " + end);
      }
      assertTrue(!end.startsWith(prefix), end);
    }
  }
}
