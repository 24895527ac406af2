package dev.cairn;

import java.util.Arrays;
import java.util.Objects;

/** Equality and printing of values that may be byte arrays. */
final class Values {
  private static final int MAX_PRINTED = 64;

  static boolean equal(Object a, Object b) {
    if (a instanceof byte[] && b instanceof byte[]) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    return Objects.equals(a, b);
  }

  static String toString(Object value) {
    String s = value instanceof byte[] ? "byte[" + ((byte[]) value).length + "]" : String.valueOf(value);
    return s.length() <= MAX_PRINTED ? s : s.substring(0, MAX_PRINTED) + "…";
  }

  private Values() {}
}
