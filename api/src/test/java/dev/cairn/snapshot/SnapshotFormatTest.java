package dev.cairn.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CorruptedException;
import dev.cairn.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link SnapshotFormat}'s builder checks, versions, stream round trip and reader failures. */
class SnapshotFormatTest {
  private static final Function<byte[], String> UTF8 = b -> new String(b, StandardCharsets.UTF_8);

  private static SnapshotFormat<String> twoVersions() {
    return SnapshotFormat.named("text").first(1, UTF8).then(3, s -> s + "!", UTF8)
        .writer(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** Format names follow [a-z][a-z0-9_-]{0,51}; a bad one is rejected naming it. */
  @Test
  void formatNameRule() {
    for (String bad : new String[] {"", "Upper", "1st", "a/b", "a".repeat(53)}) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> SnapshotFormat.named(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertThrows(InvalidArgumentException.class, () -> SnapshotFormat.named(null));
    assertEquals("a".repeat(52), SnapshotFormat.named("a".repeat(52)).first(1, UTF8).writer(String::getBytes).name());
  }

  /** Versions must be positive and strictly increasing. */
  @Test
  void versionsStrictlyIncreasingAndPositive() {
    SnapshotFormat.Named named = SnapshotFormat.named("text");
    assertThrows(InvalidArgumentException.class, () -> named.first(0, UTF8));
    assertThrows(InvalidArgumentException.class, () -> named.first(-4, UTF8));
    SnapshotFormat.Versions<String> v2 = named.first(2, UTF8);
    InvalidArgumentException same = assertThrows(InvalidArgumentException.class, () -> v2.then(2, s -> s, UTF8));
    assertTrue(same.getMessage().contains("previous version 2"), same.getMessage());
    assertThrows(InvalidArgumentException.class, () -> v2.then(1, s -> s, UTF8));
  }

  /** Null functions are rejected at once. */
  @Test
  void nullFunctionsRejected() {
    SnapshotFormat.Versions<String> v1 = SnapshotFormat.named("text").first(1, UTF8);
    assertThrows(NullPointerException.class, () -> SnapshotFormat.named("text").first(1, null));
    assertThrows(NullPointerException.class, () -> v1.then(2, null, UTF8));
    assertThrows(NullPointerException.class, () -> v1.then(2, s -> s, null));
    assertThrows(NullPointerException.class, () -> v1.writer(null));
  }

  /** The chain is immutable: extending one prefix twice gives two independent formats. */
  @Test
  void chainIsImmutable() {
    SnapshotFormat.Versions<String> v1 = SnapshotFormat.named("text").first(1, UTF8);
    SnapshotFormat<String> a = v1.then(2, s -> s, UTF8).writer(String::getBytes);
    SnapshotFormat<String> b = v1.then(5, s -> s, UTF8).then(6, s -> s, UTF8).writer(String::getBytes);
    assertEquals(Set.of(1, 2), a.versions());
    assertEquals(List.of(1, 5, 6), List.copyOf(b.versions()));
    assertEquals(6, b.latestVersion());
    assertEquals(1, v1.writer(String::getBytes).latestVersion());
    assertThrows(UnsupportedOperationException.class, () -> a.versions().add(9));
  }

  /** Writing to a stream and reading it back gives the value; the old version upgrades on read. */
  @Test
  void streamRoundTripAndUpgrade() {
    SnapshotFormat<String> format = twoVersions();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write("hello", out);
    assertArrayEquals(format.write("hello"), out.toByteArray());
    assertEquals("hello", format.read(new ByteArrayInputStream(out.toByteArray())));
    byte[] old = SnapshotFormat.named("text").first(1, UTF8).writer(s -> s.getBytes(StandardCharsets.UTF_8))
        .write("old");
    assertEquals("old!", format.read(old));
    assertEquals("old!", format.read(new ByteArrayInputStream(old)));
  }

  /** A truncated stream and bytes after the snapshot in a stream are CorruptedException. */
  @Test
  void streamTruncatedAndTrailing() {
    SnapshotFormat<String> format = twoVersions();
    byte[] bytes = format.write("hello");
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(CorruptedException.class, () -> format.read(new ByteArrayInputStream(part)), "cut at " + cut);
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    CorruptedException e = assertThrows(CorruptedException.class, () -> format.read(new ByteArrayInputStream(longer)));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
  }

  /** A reader or an upgrade that throws or returns null is a CorruptedException naming the version. */
  @Test
  void failingReaderOrUpgradeWrapped() {
    byte[] v1 = SnapshotFormat.named("text").first(1, UTF8).writer(String::getBytes).write("x");
    SnapshotFormat<String> badReader = SnapshotFormat.named("text")
        .<String>first(1, b -> { throw new IllegalArgumentException("boom"); }).writer(String::getBytes);
    CorruptedException e = assertThrows(CorruptedException.class, () -> badReader.read(v1));
    assertTrue(e.getMessage().contains("version 1") && e.getMessage().contains("boom"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalArgumentException);
    SnapshotFormat<String> nullReader = SnapshotFormat.named("text").<String>first(1, b -> null).writer(String::getBytes);
    assertThrows(CorruptedException.class, () -> nullReader.read(v1));
    SnapshotFormat<String> badUpgrade = SnapshotFormat.named("text").first(1, UTF8)
        .<String>then(2, s -> { throw new IllegalStateException("no"); }, UTF8).writer(String::getBytes);
    e = assertThrows(CorruptedException.class, () -> badUpgrade.read(v1));
    assertTrue(e.getMessage().contains("from version 1 to 2"), e.getMessage());
    SnapshotFormat<String> nullUpgrade = SnapshotFormat.named("text").first(1, UTF8)
        .<String>then(2, s -> null, UTF8).writer(String::getBytes);
    assertThrows(CorruptedException.class, () -> nullUpgrade.read(v1));
  }

  /** A writer returning null is rejected; a null value is a NullPointerException. */
  @Test
  void writerReturningNullRejected() {
    SnapshotFormat<String> format = SnapshotFormat.named("text").first(1, UTF8).writer(s -> null);
    assertThrows(InvalidArgumentException.class, () -> format.write("x"));
    assertThrows(NullPointerException.class, () -> twoVersions().write(null));
  }

  /** The header follows the documented layout. */
  @Test
  void headerLayout() {
    byte[] bytes = twoVersions().write("hi");
    assertEquals(26 + 4 + 2, bytes.length);
    assertArrayEquals("CSNP".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(bytes, 4));
    assertEquals(1, bytes[4]);
    assertEquals(4, bytes[5]);
    assertEquals("text", new String(bytes, 6, 4, StandardCharsets.US_ASCII));
    assertEquals(3, java.nio.ByteBuffer.wrap(bytes).getInt(10));
    assertEquals(2, java.nio.ByteBuffer.wrap(bytes).getLong(14));
  }
}
