package dev.cairn.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.LeaseLostException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases judged by a clock the test controls: expiry instants, renewal arithmetic, messages. */
class LeasesTest {
  private final ManualClock clock = new ManualClock();
  private final Leases leases = Leases.of(clock.store);

  @AfterEach
  void close() {
    clock.close();
  }

  /** A lease is held while the backend clock reads below expiresAtMillis and free from that instant on. */
  @Test
  void heldUntilTheBackendClockReachesTheExpiry() {
    Lease a = leases.tryAcquire("l", "a", Duration.ofMillis(100)).orElseThrow();
    assertEquals(clock.millis.get() + 100, a.expiresAtMillis());
    clock.advance(99);
    assertEquals(Optional.of(a), leases.current("l"));
    assertEquals(Optional.empty(), leases.tryAcquire("l", "b", Duration.ofMillis(100)));
    clock.advance(1);
    assertEquals(Optional.empty(), leases.current("l"), "expired at exactly expiresAtMillis");
    assertTrue(leases.tryAcquire("l", "b", Duration.ofMillis(100)).isPresent());
  }

  /** Expiry follows the backend's clock even when the caller's clock is far ahead. */
  @Test
  void theCallersClockIsIgnored() {
    clock.millis.set(0); // the backend's clock reads the epoch, far behind System.currentTimeMillis()
    Lease a = leases.tryAcquire("l", "a", Duration.ofMillis(1)).orElseThrow();
    assertEquals(1, a.expiresAtMillis());
    assertEquals(Optional.of(a), leases.current("l"), "held though the caller's clock is decades later");
    clock.advance(1);
    assertEquals(Optional.empty(), leases.current("l"));
  }

  /** A renewal sets the expiry to the backend clock's now plus the ttl, and an expired holding cannot renew. */
  @Test
  void renewCountsFromTheBackendClockNow() {
    Lease a = leases.tryAcquire("l", "a", Duration.ofMillis(100)).orElseThrow();
    clock.advance(60);
    Lease renewed = leases.renew(a, Duration.ofMillis(10));
    assertEquals(clock.millis.get() + 10, renewed.expiresAtMillis(), "a renewal may also shorten the holding");
    assertEquals(a.token(), renewed.token());
    clock.advance(10);
    LeaseLostException e = assertThrows(LeaseLostException.class, () -> leases.renew(renewed, Duration.ofMillis(10)));
    assertTrue(e.getMessage().contains("expired at " + renewed.expiresAtMillis()), e.getMessage());
  }

  /** Renewals commit new revisions but the holding's token stays the acquisition's. */
  @Test
  void renewalsKeepTheTokenWhileRevisionsMoveOn() {
    Lease a = leases.tryAcquire("l", "a", Duration.ofSeconds(1)).orElseThrow();
    for (int i = 0; i < 3; i++) {
      assertEquals(a.token(), leases.renew(a, Duration.ofSeconds(1)).token());
    }
    assertTrue(clock.store.revision() > a.token() + 2, "each renewal committed a revision");
    assertEquals(a.token(), leases.current("l").orElseThrow().token());
  }

  /** LeaseLostException names the lease, the caller and the actual holder or absence. */
  @Test
  void lostLeaseMessagesNameTheLeaseAndTheHolder() {
    Lease a = leases.tryAcquire("l", "a", Duration.ofSeconds(1)).orElseThrow();
    LeaseLostException other = assertThrows(LeaseLostException.class,
        () -> leases.release(Lease.of("l", "b", a.token(), a.expiresAtMillis())));
    assertTrue(other.getMessage().contains("lease 'l' of owner 'b'"), other.getMessage());
    assertTrue(other.getMessage().contains("belongs to owner 'a' with token " + a.token()), other.getMessage());
    leases.release(a);
    LeaseLostException gone = assertThrows(LeaseLostException.class, () -> leases.renew(a, Duration.ofSeconds(1)));
    assertTrue(gone.getMessage().contains("not held"), gone.getMessage());
  }

  /** Owners with non-ASCII, supplementary and NUL characters are stored and read back unchanged. */
  @Test
  void ownersOfAnyUnicodeRoundTrip() {
    String owner = "nœud-7 \uD83D\uDE80 \u0000 ok";
    Lease a = leases.tryAcquire("l", owner, Duration.ofSeconds(1)).orElseThrow();
    assertEquals(owner, leases.current("l").orElseThrow().owner());
    leases.release(a);
  }
}
