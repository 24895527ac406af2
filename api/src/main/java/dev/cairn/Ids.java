package dev.cairn;

import java.util.Comparator;

/**
 * The order of record ids that every backend follows: by Unicode code point, which is also
 * the order of their UTF-8 bytes (so SQL's {@code COLLATE "C"} and Redis' lexicographic
 * order agree with it).
 */
public final class Ids {
  /** Compares ids by code point. */
  public static final Comparator<String> ORDER = Ids::compare;

  private Ids() {}

  /** Compares two strings by code point; a prefix sorts before its extensions. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Returns the smallest string greater than every string that starts with {@code prefix},
   * or null if there is none (the prefix is empty or all {@code U+10FFFF}).
   */
  public static String prefixEnd(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int cp = prefix.codePointBefore(end);
      int start = end - Character.charCount(cp);
      int next = cp + 1;
      if (next == Character.MIN_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        return prefix.substring(0, start) + new String(Character.toChars(next));
      }
      end = start;
    }
    return null;
  }
}
