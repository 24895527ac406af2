package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Capabilities.Feature;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Capabilities.Builder}: defaults, validation, immutability. */
class CapabilitiesTest {
  /** Documented defaults: 1 MiB values, 10,000 writes per commit, no optional feature. */
  @Test
  void defaults() {
    Capabilities c = Capabilities.builder().build();
    assertEquals(1 << 20, c.maxValueBytes());
    assertEquals(10_000, c.maxWritesPerCommit());
    assertTrue(c.features().isEmpty());
  }

  /** Limits must be positive. */
  @Test
  void limitsValidated() {
    assertThrows(InvalidArgumentException.class, () -> Capabilities.builder().maxValueBytes(0));
    assertThrows(InvalidArgumentException.class, () -> Capabilities.builder().maxValueBytes(-1));
    assertThrows(InvalidArgumentException.class, () -> Capabilities.builder().maxWritesPerCommit(0));
    assertThrows(InvalidArgumentException.class, () -> Capabilities.builder().maxWritesPerCommit(-1));
    Capabilities c = Capabilities.builder().maxValueBytes(1).maxWritesPerCommit(1).build();
    assertEquals(1, c.maxValueBytes());
    assertEquals(1, c.maxWritesPerCommit());
  }

  /** Claimed features are reported; a null feature is rejected. */
  @Test
  void features() {
    Capabilities c = Capabilities.builder().features(Feature.PERSISTENT).build();
    assertTrue(c.has(Feature.PERSISTENT));
    assertFalse(c.has(Feature.WEDGE_DETECTION));
    assertThrows(NullPointerException.class, () -> Capabilities.builder().features((Feature) null));
    for (Feature f : Feature.values()) {
      assertFalse(f.reasonWhenMissing().isBlank(), f.name());
    }
  }

  /** Built capabilities are unmodifiable and unaffected by later use of the builder. */
  @Test
  void immutable() {
    Capabilities.Builder b = Capabilities.builder().features(Feature.PERSISTENT);
    Capabilities c = b.build();
    b.features(Feature.WEDGE_DETECTION).maxValueBytes(5);
    assertEquals(Set.of(Feature.PERSISTENT), c.features());
    assertEquals(1 << 20, c.maxValueBytes());
    assertThrows(UnsupportedOperationException.class, () -> c.features().add(Feature.WEDGE_DETECTION));
  }
}
