package dev.cairn.datastore;

import dev.cairn.CorruptedException;

/**
 * An encoding of strings whose order is {@link dev.cairn.Ids#ORDER} (code points) however it
 * is compared: by UTF-16 units, as the emulators (written in Java) do, or by UTF-8 bytes, as the
 * service does. The two disagree only where a supplementary character meets one from U+E000 to
 * U+FFFF, so every code point from {@value #MARKER_HEX} up is written as the marker U+D7FF and
 * two digits of base 1920, each a character from U+0080 to U+07FF; every other character stands
 * for itself. The result holds no surrogate, so all three orders agree on it; a prefix encodes
 * to a prefix; a Cairn id or key of 512 UTF-8 bytes takes at most 1,195. Stateless.
 */
final class OrderedText {
  static final String MARKER_HEX = "U+D7FF";
  private static final char MARKER = '\uD7FF';
  private static final int DIGIT_BASE = 0x80;
  private static final int RADIX = 0x800 - 0x80;

  private OrderedText() {}

  static String encode(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp >= MARKER) {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        int v = cp - MARKER;
        out.append(MARKER).append((char) (DIGIT_BASE + v / RADIX)).append((char) (DIGIT_BASE + v % RADIX));
      } else if (out != null) {
        out.append((char) cp);
      }
      i += width;
    }
    return out == null ? s : out.toString();
  }

  static String decode(String s) {
    int marker = s.indexOf(MARKER);
    if (marker < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, marker);
    for (int i = marker; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != MARKER) {
        out.append(c);
        continue;
      }
      if (i + 2 >= s.length()) {
        throw new CorruptedException("encoded name ends inside a character: " + s);
      }
      int hi = s.charAt(i + 1) - DIGIT_BASE;
      int lo = s.charAt(i + 2) - DIGIT_BASE;
      if (hi < 0 || hi >= RADIX || lo < 0 || lo >= RADIX) {
        throw new CorruptedException("encoded name holds a malformed character at " + i + ": " + s);
      }
      out.appendCodePoint(MARKER + hi * RADIX + lo);
      i += 2;
    }
    return out.toString();
  }
}
