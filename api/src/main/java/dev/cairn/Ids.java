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
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // UTF-16 order equals code-point order except between surrogates and U+E000..U+FFFF.
        if (ca >= Character.MIN_SURROGATE && cb >= Character.MIN_SURROGATE) {
          return fixUp(ca) - fixUp(cb);
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, where their code points sort. */
  private static int fixUp(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
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
