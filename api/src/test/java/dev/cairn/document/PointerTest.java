package dev.cairn.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CorruptedException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointerTest {
  private static final Pointer SAMPLE = new Pointer(7, 0xfeedL, 3, 40_000, 0x1234abcd,
      List.of(new Pointer.Committed(6, -1L), new Pointer.Committed(4, 99)));

  @Test
  void roundTrips() {
    assertEquals(SAMPLE, Pointer.decode("k/id", SAMPLE.encode()));
    Pointer empty = new Pointer(1, 5, 0, 0, 0, List.of());
    assertEquals(empty, Pointer.decode("k/id", empty.encode()));
  }

  @Test
  void nextKeepsTheMarginNewestFirst() {
    Pointer p = SAMPLE.next(new Chunks.Written(8, 77, 1, 10, 5), 2);
    assertEquals(8, p.generation());
    assertEquals(77, p.attempt());
    assertEquals(List.of(new Pointer.Committed(7, 0xfeedL), new Pointer.Committed(6, -1L)), p.history());
    assertEquals(List.of(), SAMPLE.next(new Chunks.Written(8, 77, 1, 10, 5), 0).history());
    assertTrue(p.retains(8, 77, 0));
    assertTrue(p.retains(6, -1L, 2));
    assertFalse(p.retains(6, -1L, 1));
    assertFalse(p.retains(7, 1, 2), "same generation, another attempt: an orphan");
  }

  @Test
  void truncatedPointerIsCorrupted() {
    byte[] bytes = SAMPLE.encode();
    for (int n : new int[] {0, 3, 20, bytes.length - 1}) {
      CorruptedException e = assertThrows(CorruptedException.class,
          () -> Pointer.decode("k/id", Arrays.copyOf(bytes, n)));
      assertTrue(e.getMessage().contains("k/id") && e.getMessage().contains("byte offset"), e.getMessage());
    }
  }

  @Test
  void badMagicIsCorruptedAtOffsetZero() {
    byte[] bytes = SAMPLE.encode();
    bytes[0] = 'X';
    CorruptedException e = assertThrows(CorruptedException.class, () -> Pointer.decode("k/id", bytes));
    assertTrue(e.getMessage().contains("byte offset 0") && e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void trailingBytesAreCorrupted() {
    byte[] bytes = Arrays.copyOf(SAMPLE.encode(), SAMPLE.encode().length + 2);
    CorruptedException e = assertThrows(CorruptedException.class, () -> Pointer.decode("k/id", bytes));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
  }

  @Test
  void impossibleFieldsAreCorrupted() {
    assertCorrupted(withLong(4, 0), "generation 0");
    assertCorrupted(withInt(20, -1), "chunks cannot hold");
    assertCorrupted(withInt(20, 0), "chunks cannot hold");
    assertCorrupted(withInt(36, 1000), "history of 1000 entries");
    assertCorrupted(withLong(40, 7), "does not precede 7");
  }

  private static void assertCorrupted(byte[] bytes, String expected) {
    CorruptedException e = assertThrows(CorruptedException.class, () -> Pointer.decode("k/id", bytes));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static byte[] withInt(int offset, int value) {
    byte[] b = SAMPLE.encode();
    ByteBuffer.wrap(b).putInt(offset, value);
    return b;
  }

  private static byte[] withLong(int offset, long value) {
    byte[] b = SAMPLE.encode();
    ByteBuffer.wrap(b).putLong(offset, value);
    return b;
  }
}
