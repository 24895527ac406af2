package dev.cairn;

import java.nio.charset.StandardCharsets;

/**
 * Turns values of one type into bytes and back. Implementations must be thread-safe and
 * deterministic: {@code decode(encode(v))} equals {@code v}.
 *
 * @param <T> the value type
 */
public interface Codec<T> {

  /**
   * Encodes a value.
   *
   * @param value the value, never null
   * @return its bytes, never null; the caller takes ownership of the array
   */
  byte[] encode(T value);

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @param bytes the bytes, never null; the codec must not keep a reference to them
   * @return the value, never null
   * @throws IllegalArgumentException (or any runtime exception) if the bytes are malformed
   */
  T decode(byte[] bytes);

  /** Returns the identity codec: values are byte arrays, copied on the way in and out. */
  static Codec<byte[]> bytes() {
    return Codecs.BYTES;
  }

  /** Returns a codec of strings as UTF-8. */
  static Codec<String> utf8() {
    return Codecs.UTF_8;
  }
}

/** The built-in codecs. */
final class Codecs {
  static final Codec<byte[]> BYTES = new Codec<>() {
    @Override public byte[] encode(byte[] value) {
      return value.clone();
    }

    @Override public byte[] decode(byte[] bytes) {
      return bytes.clone();
    }

    @Override public String toString() {
      return "Codec.bytes()";
    }
  };

  static final Codec<String> UTF_8 = new Codec<>() {
    @Override public byte[] encode(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override public String decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override public String toString() {
      return "Codec.utf8()";
    }
  };

  private Codecs() {}
}
