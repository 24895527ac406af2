package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Entry}: equality by content (byte arrays too), and a bounded toString. */
class EntryTest {
  /** Byte-array values compare by content, and equal entries hash alike. */
  @Test
  void byteArrayValuesCompareByContent() {
    Entry<byte[]> a = new Entry<>("id", new byte[] {1, 2}, 3, 4);
    Entry<byte[]> b = new Entry<>("id", new byte[] {1, 2}, 3, 4);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new Entry<>("id", new byte[] {1, 3}, 3, 4));
  }

  /** Id, both revisions and value each take part in equality. */
  @Test
  void everyFieldCounts() {
    Entry<String> e = new Entry<>("id", "v", 3, 4);
    assertEquals(e, new Entry<>("id", "v", 3, 4));
    assertEquals(e.hashCode(), new Entry<>("id", "v", 3, 4).hashCode());
    assertNotEquals(e, new Entry<>("id2", "v", 3, 4));
    assertNotEquals(e, new Entry<>("id", "w", 3, 4));
    assertNotEquals(e, new Entry<>("id", "v", 2, 4));
    assertNotEquals(e, new Entry<>("id", "v", 3, 5));
    assertFalse(e.equals("id"));
    assertEquals(4, e.version());
    assertEquals(e.modRevision(), e.version());
  }

  /** A long value is cut in toString; a short one shows whole; a byte array shows its length. */
  @Test
  void toStringTruncatesLongValues() {
    String longValue = "x".repeat(1000) + "TAIL";
    String shown = new Entry<>("id", longValue, 1, 2).toString();
    assertTrue(shown.length() < 200, shown);
    assertFalse(shown.contains("TAIL"), shown);
    assertTrue(shown.contains("id=id") && shown.contains("modRevision=2"), shown);
    assertTrue(new Entry<>("id", "short", 1, 2).toString().contains("value=short"));
    String bytes = new Entry<>("id", new byte[100_000], 1, 2).toString();
    assertTrue(bytes.contains("byte[100000]") && bytes.length() < 200, bytes);
  }

  /** Id and value are never null. */
  @Test
  void nullsRejected() {
    assertThrows(NullPointerException.class, () -> new Entry<>(null, "v", 1, 1));
    assertThrows(NullPointerException.class, () -> new Entry<String>("id", null, 1, 1));
  }
}
