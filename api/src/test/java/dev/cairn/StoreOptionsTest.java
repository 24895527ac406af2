package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link StoreOptions}: documented defaults, validation of each {@code with…}, immutability. */
class StoreOptionsTest {
  private static final StoreOptions DEFAULTS = StoreOptions.defaults();
  private static final Duration MS = Duration.ofMillis(1);

  /** The documented batch defaults: 200 changes, 1.5 MiB; no namespace or loader chosen. */
  @Test
  void defaults() {
    assertEquals(200, DEFAULTS.batchMaxChanges());
    assertEquals(1536 * 1024, DEFAULTS.batchMaxBytes());
    assertNull(DEFAULTS.namespace());
    assertNull(DEFAULTS.classLoader());
  }

  /** Attempts below 1, a negative initial backoff, and a max below the initial are rejected. */
  @Test
  void retriesValidated() {
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withRetries(0, MS, MS));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withRetries(-1, MS, MS));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withRetries(3, Duration.ofMillis(-1), MS));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withRetries(3, Duration.ofMillis(2), MS));
    StoreOptions one = DEFAULTS.withRetries(1, Duration.ZERO, Duration.ZERO);
    assertEquals(1, one.maxAttempts());
    assertEquals(Duration.ZERO, one.maxBackoff());
  }

  /** The watch buffer holds at least one event. */
  @Test
  void watchBufferValidated() {
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withWatchBufferEvents(0));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withWatchBufferEvents(-5));
    assertEquals(1, DEFAULTS.withWatchBufferEvents(1).watchBufferEvents());
  }

  /** Both batch limits must be positive. */
  @Test
  void batchLimitsValidated() {
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withBatchLimits(0, 1));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withBatchLimits(1, 0));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withBatchLimits(-1, -1));
    StoreOptions tiny = DEFAULTS.withBatchLimits(1, 1);
    assertEquals(1, tiny.batchMaxChanges());
    assertEquals(1, tiny.batchMaxBytes());
  }

  /** The namespace follows the namespace rule. */
  @Test
  void namespaceValidated() {
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withNamespace(null));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withNamespace(""));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withNamespace("Tenant"));
    assertThrows(InvalidArgumentException.class, () -> DEFAULTS.withNamespace("a.b"));
    assertEquals("9tenant", DEFAULTS.withNamespace("9tenant").namespace());
  }

  /** Each {@code with…} returns a copy; the original and the other settings are untouched. */
  @Test
  void withReturnsCopies() {
    StoreOptions changed = DEFAULTS.withNamespace("ns").withBatchLimits(7, 70).withWatchBufferEvents(3);
    assertNull(DEFAULTS.namespace());
    assertEquals(200, DEFAULTS.batchMaxChanges());
    assertEquals("ns", changed.namespace());
    assertEquals(7, changed.batchMaxChanges());
    assertEquals(70, changed.batchMaxBytes());
    assertEquals(3, changed.watchBufferEvents());
    assertEquals(DEFAULTS.maxAttempts(), changed.maxAttempts());
    ClassLoader loader = getClass().getClassLoader();
    assertEquals(loader, changed.withClassLoader(loader).classLoader());
    assertEquals("ns", changed.withClassLoader(loader).namespace());
  }
}
