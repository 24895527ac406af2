package dev.cairn.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Argument checks of {@link Leases} and {@link Lease}, the value class and the stored format. */
class LeaseArgumentsTest {
  private static final Duration TTL = Duration.ofSeconds(1);

  private final ManualClock clock = new ManualClock();
  private final Leases leases = Leases.of(clock.store);

  @AfterEach
  void close() {
    clock.close();
  }

  private static void assertInvalid(String expectedInMessage, Executable call) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
    assertTrue(e.getMessage().contains(expectedInMessage), "'" + e.getMessage() + "' names " + expectedInMessage);
  }

  /** Lease names follow the record-id rule and the error names the lease name. */
  @Test
  void badNamesNameTheArgument() {
    assertInvalid("lease name must not be null", () -> leases.tryAcquire(null, "o", TTL));
    assertInvalid("lease name must not be empty", () -> leases.tryAcquire("", "o", TTL));
    assertInvalid("lease name must not contain NUL", () -> leases.tryAcquire("a\u0000", "o", TTL));
    assertInvalid("lease name is 513 UTF-8 bytes", () -> leases.tryAcquire("x".repeat(513), "o", TTL));
    assertInvalid("lease name must not be empty", () -> leases.current(""));
    assertInvalid("lease name must not be null", () -> Lease.of(null, "o", 1, 0));
  }

  /** Owners must be non-empty, at most 256 chars and well-formed UTF-16. */
  @Test
  void badOwnersNameTheArgument() {
    assertInvalid("lease owner must not be null", () -> leases.tryAcquire("n", null, TTL));
    assertInvalid("lease owner must not be empty", () -> leases.tryAcquire("n", "", TTL));
    assertInvalid("lease owner is 257 chars; the limit is 256", () -> leases.tryAcquire("n", "o".repeat(257), TTL));
    assertInvalid("lone surrogate at 1", () -> leases.tryAcquire("n", "a\uDC00b", TTL));
    assertInvalid("lone surrogate at 1", () -> leases.tryAcquire("n", "a\uD800", TTL));
    assertInvalid("lease owner must not be empty", () -> Lease.of("n", "", 1, 0));
  }

  /** Ttls must be non-null, at least 1 ms and at most MAX_TTL, for acquire and renew. */
  @Test
  void badTtlsNameTheArgument() {
    assertInvalid("lease ttl must not be null", () -> leases.tryAcquire("n", "o", null));
    assertInvalid("lease ttl must be positive: PT0S", () -> leases.tryAcquire("n", "o", Duration.ZERO));
    assertInvalid("lease ttl must be positive: PT-1S", () -> leases.tryAcquire("n", "o", Duration.ofSeconds(-1)));
    assertInvalid("at least 1 ms", () -> leases.tryAcquire("n", "o", Duration.ofNanos(999_999)));
    assertInvalid("exceeds the maximum PT24H", () -> leases.tryAcquire("n", "o", Duration.ofHours(24).plusNanos(1)));
    Lease held = leases.tryAcquire("n", "o", TTL).orElseThrow();
    assertInvalid("lease ttl must be positive", () -> leases.renew(held, Duration.ZERO));
    assertInvalid("lease ttl must not be null", () -> leases.renew(held, null));
  }

  /** A Lease built from parts needs a token of at least 1. */
  @Test
  void badTokensAreRefused() {
    assertInvalid("lease token must be at least 1: 0", () -> Lease.of("n", "o", 0, 0));
    assertInvalid("lease token must be at least 1: -3", () -> Lease.of("n", "o", -3, 0));
  }

  /** A null store, lease or transaction is a programming error: NullPointerException. */
  @Test
  void nullObjectsAreNullPointerExceptions() {
    Lease held = leases.tryAcquire("n", "o", TTL).orElseThrow();
    assertThrows(NullPointerException.class, () -> Leases.of(null));
    assertThrows(NullPointerException.class, () -> leases.renew(null, TTL));
    assertThrows(NullPointerException.class, () -> leases.release(null));
    assertThrows(NullPointerException.class, () -> leases.requireHeld(null, held));
    clock.store.update(tx -> assertThrows(NullPointerException.class, () -> leases.requireHeld(tx, null)));
  }

  /** A rejected argument is caught before any transaction commits. */
  @Test
  void badArgumentsWriteNothing() {
    long revision = clock.store.revision();
    assertThrows(InvalidArgumentException.class, () -> leases.tryAcquire("n", "", TTL));
    assertThrows(InvalidArgumentException.class, () -> leases.tryAcquire("n", "o", Duration.ZERO));
    assertEquals(revision, clock.store.revision());
  }

  /** Names, owners and ttls at their limits are accepted. */
  @Test
  void theLimitsAreAccepted() {
    assertTrue(leases.tryAcquire("x".repeat(512), "o".repeat(256), Duration.ofHours(24)).isPresent());
    assertTrue(leases.tryAcquire("short", "o", Duration.ofMillis(1)).isPresent());
  }

  /** Lease equality covers the expiry; isSameHolding ignores it; expiry is exclusive at expiresAtMillis. */
  @Test
  void leaseValueSemantics() {
    Lease a = Lease.of("n", "o", 5, 100);
    assertEquals(a, Lease.of("n", "o", 5, 100));
    assertEquals(a.hashCode(), Lease.of("n", "o", 5, 100).hashCode());
    assertNotEquals(a, Lease.of("n", "o", 5, 101), "another expiry is another object");
    assertTrue(a.isSameHolding(Lease.of("n", "o", 5, 101)), "but the same holding");
    assertFalse(a.isSameHolding(Lease.of("n", "o", 6, 100)));
    assertFalse(a.isSameHolding(Lease.of("n", "p", 5, 100)));
    assertFalse(a.isSameHolding(Lease.of("m", "o", 5, 100)));
    assertFalse(a.isSameHolding(null));
    assertFalse(a.isExpiredAt(99));
    assertTrue(a.isExpiredAt(100));
    assertEquals("Lease{name=n, owner=o, token=5, expiresAtMillis=100}", a.toString());
  }

  /** The stored lease format round-trips and keeps a released lease's token, and rejects short or unknown-format bytes, naming the problem. */
  @Test
  void storedFormatRoundTripsAndRejectsDamage() {
    var codec = LeaseRecord.SCHEMA.codec();
    LeaseRecord record = new LeaseRecord("owner-\u00e9", 42, 1_700_000_000_000L);
    assertEquals(record, codec.decode(codec.encode(record)));
    LeaseRecord released = LeaseRecord.released(42);
    assertEquals(released, codec.decode(codec.encode(released)), "a released lease keeps its token, with no owner");
    assertFalse(released.isHeldAt(0));
    assertTrue(record.isHeldAt(1_699_999_999_999L));
    assertFalse(record.isHeldAt(1_700_000_000_000L));
    IllegalArgumentException shortBytes = assertThrows(IllegalArgumentException.class, () -> codec.decode(new byte[16]));
    assertTrue(shortBytes.getMessage().contains("16 bytes"), shortBytes.getMessage());
    byte[] bytes = codec.encode(record);
    bytes[0] = 9;
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> codec.decode(bytes));
    assertTrue(format.getMessage().contains("unknown format 9 at byte offset 0"), format.getMessage());
  }
}
