package dev.cairn.cli;

/**
 * Builds one JSON object on one line, fields in the order put, for the {@code --json} output
 * of the inspection commands. Not thread-safe.
 */
final class Json {
  private final StringBuilder out = new StringBuilder("{");

  /** Adds a string field; the value is escaped (quotes, backslashes, control characters, U+2028/9). */
  Json put(String name, String value) {
    key(name);
    quote(value);
    return this;
  }

  /** Adds a number field. */
  Json put(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  /** Returns the object's text, without a line end. */
  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String name) {
    if (out.length() > 1) {
      out.append(',');
    }
    quote(name);
    out.append(':');
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // U+2028/9 are legal in JSON but end lines in JavaScript; escaping them is the safe habit.
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
