package dev.cairn.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the inspection commands show ids and raw values. A value is shown as text when it is valid
 * UTF-8 without control characters, else as base64 behind {@value #BASE64_MARK}; a text value
 * that itself starts with the mark is shown as base64 too, so the two never read alike.
 * Stateless and thread-safe.
 */
final class Rendering {
  /** What marks a value shown as base64 in text output. */
  static final String BASE64_MARK = "base64:";

  private Rendering() {}

  /** Returns the value as text, or null if it must be shown as base64. */
  static String textOrNull(byte[] value) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars;
    try {
      chars = decoder.decode(ByteBuffer.wrap(value));
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < chars.length(); i++) {
      if (Character.isISOControl(chars.charAt(i))) {
        return null;
      }
    }
    String text = chars.toString();
    return text.startsWith(BASE64_MARK) ? null : text;
  }

  /** Returns the value for text output: itself, or {@code base64:…}; {@code -} for none (a delete). */
  static String valueText(byte[] value) {
    if (value == null) {
      return "-";
    }
    String text = textOrNull(value);
    return text != null ? text : BASE64_MARK + Base64.getEncoder().encodeToString(value);
  }

  /** Adds the value to a JSON object: {@code value} as text or {@code valueBase64}; nothing for none. */
  static Json value(Json json, byte[] value) {
    if (value == null) {
      return json;
    }
    String text = textOrNull(value);
    return text != null ? json.put("value", text) : json.put("valueBase64", Base64.getEncoder().encodeToString(value));
  }

  /**
   * Returns an id (or any name) for text output on one line: control characters and backslashes
   * escaped as in Java source, spaces kept.
   */
  static String idText(String id) {
    StringBuilder out = null;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '\\' || Character.isISOControl(c)) {
        if (out == null) {
          out = new StringBuilder(id.length() + 8).append(id, 0, i);
        }
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> out.append(String.format("\\u%04x", (int) c));
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? id : out.toString();
  }
}
