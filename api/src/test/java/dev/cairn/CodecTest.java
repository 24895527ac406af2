package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;

/** The built-in codecs. */
class CodecTest {
  /** {@link Codec#bytes()} copies on encode: changing the caller's array later changes nothing. */
  @Test
  void bytesCopiesOnEncode() {
    byte[] value = {1, 2, 3};
    byte[] encoded = Codec.bytes().encode(value);
    assertNotSame(value, encoded);
    value[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, encoded);
  }

  /** {@link Codec#bytes()} copies on decode: the stored bytes stay as they were. */
  @Test
  void bytesCopiesOnDecode() {
    byte[] stored = {4, 5};
    byte[] decoded = Codec.bytes().decode(stored);
    assertNotSame(stored, decoded);
    decoded[0] = 0;
    assertArrayEquals(new byte[] {4, 5}, stored);
    assertArrayEquals(new byte[0], Codec.bytes().decode(new byte[0]));
  }

  /** {@link Codec#utf8()} round-trips every width of character and writes standard UTF-8. */
  @Test
  void utf8RoundTrip() {
    for (String s : new String[] {"", "ascii", "é€", "\uD83D\uDE00 \uDBFF\uDFFF", "a\u0000b", "\uFFFF"}) {
      assertEquals(s, Codec.utf8().decode(Codec.utf8().encode(s)));
    }
    assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9}, Codec.utf8().encode("é"));
    assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
        Codec.utf8().encode("\uD83D\uDE00"));
  }
}
