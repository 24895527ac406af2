package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Names}: the rules for collection, index and namespace names and for record ids. */
class NamesTest {
  /** 63 characters, the longest valid name. */
  private static final String LONGEST_NAME = "a012345678901234567890123456789012345678901234567890123456789bc";

  /** Valid collection (and index) names pass unchanged. */
  @ParameterizedTest
  @ValueSource(strings = {"a", "z9", "tasks", "a-b_c9", LONGEST_NAME})
  void acceptsCollectionNames(String name) {
    assertEquals(name, Names.checkCollection(name));
    assertEquals(name, Names.checkIndex(name));
  }

  /** Collection and index names must start with a lowercase letter and hold at most 63 characters. */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"A", "Tasks", "1a", "-a", "_a", "_name", "a b", "a.b", "a/b", "é", "a\n", "a:b",
      LONGEST_NAME + "c"})
  void rejectsCollectionNames(String name) {
    assertThrows(InvalidArgumentException.class, () -> Names.checkCollection(name));
    assertThrows(InvalidArgumentException.class, () -> Names.checkIndex(name));
  }

  /** Namespaces may also start with a digit. */
  @ParameterizedTest
  @ValueSource(strings = {"0", "1abc", "default", "ns-1_2", LONGEST_NAME})
  void acceptsNamespaces(String name) {
    assertEquals(name, Names.checkNamespace(name));
  }

  /** Namespaces follow the same character and length rule as collections. */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"A", "-a", "_a", "a b", "a.b", "ns\n", LONGEST_NAME + "c", "0111111111111111111111111111111111111111111111111111111111111111"})
  void rejectsNamespaces(String name) {
    assertThrows(InvalidArgumentException.class, () -> Names.checkNamespace(name));
  }

  /** The message names the argument and the offending value. */
  @Test
  void messageNamesTheArgument() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Names.checkCollection("Bad"));
    assertTrue(e.getMessage().contains("collection name") && e.getMessage().contains("'Bad'"), e.getMessage());
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Ids of exactly 512 UTF-8 bytes pass whatever the width of their characters. */
  @ParameterizedTest
  @ValueSource(strings = {"a", "é", "€", "\uD83D\uDE00"})
  void idOf512BytesPasses(String unit) {
    String id = fill(unit, Names.MAX_ID_BYTES);
    assertEquals(Names.MAX_ID_BYTES, utf8(id));
    assertEquals(id, Names.checkId(id));
  }

  /** Ids of 513 UTF-8 bytes fail, though a 2-, 3- or 4-byte id is far under 512 chars. */
  @ParameterizedTest
  @ValueSource(strings = {"a", "é", "€", "\uD83D\uDE00"})
  void idOf513BytesFails(String unit) {
    String id = fill(unit, Names.MAX_ID_BYTES + 1);
    assertEquals(Names.MAX_ID_BYTES + 1, utf8(id));
    assertTrue(id.length() <= Names.MAX_ID_BYTES + 1);
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Names.checkId(id));
    assertTrue(e.getMessage().contains("513"), e.getMessage());
  }

  /** Repeats {@code unit} then pads with ASCII up to exactly {@code bytes} UTF-8 bytes. */
  private static String fill(String unit, int bytes) {
    String body = unit.repeat(bytes / utf8(unit));
    return body + "a".repeat(bytes - utf8(body));
  }

  /** A 4-byte character that would cross the limit is counted whole. */
  @Test
  void supplementaryCharacterCrossingTheLimitFails() {
    String id = "a".repeat(509) + "\uD83D\uDE00";
    assertEquals(513, utf8(id));
    assertThrows(InvalidArgumentException.class, () -> Names.checkId(id));
    assertEquals("a".repeat(508) + "\uD83D\uDE00", Names.checkId("a".repeat(508) + "\uD83D\uDE00"));
  }

  /** Null, empty and NUL-bearing ids fail; other control characters are allowed. */
  @Test
  void nulAndEmptyFail() {
    assertThrows(InvalidArgumentException.class, () -> Names.checkId(null));
    assertThrows(InvalidArgumentException.class, () -> Names.checkId(""));
    assertThrows(InvalidArgumentException.class, () -> Names.checkId("\0"));
    assertThrows(InvalidArgumentException.class, () -> Names.checkId("a\0b"));
    assertEquals("a\u0001b\tc", Names.checkId("a\u0001b\tc"));
    assertEquals(" ", Names.checkId(" "));
  }

  /** Lone surrogates, high or low, anywhere, make an id ill-formed UTF-16. */
  @ParameterizedTest
  @ValueSource(strings = {"\uD800", "a\uD83D", "\uD83Da", "\uDE00", "a\uDE00b", "\uDE00\uD83D", "\uD83D\uD83D",
      "\uD83D\uDE00\uDE00"})
  void loneSurrogatesFail(String id) {
    assertThrows(InvalidArgumentException.class, () -> Names.checkId(id));
  }

  /** Valid surrogate pairs pass, alone, side by side and amid ASCII. */
  @ParameterizedTest
  @ValueSource(strings = {"\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", "a\uD83D\uDE00b", "\uD83D\uDE00\uD83D\uDE01"})
  void surrogatePairsPass(String id) {
    assertEquals(id, Names.checkId(id));
  }

  /** {@link Names#checkKey} applies the id rule and names what it checked. */
  @Test
  void checkKeyNamesWhatItChecks() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Names.checkKey("index key", ""));
    assertTrue(e.getMessage().startsWith("index key"), e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> Names.checkKey("name", "a".repeat(513)));
  }
}
