package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.runConcurrently;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.ArchiveSource;
import dev.cairn.Capabilities;
import dev.cairn.InvalidArgumentException;
import dev.cairn.LeaseLostException;
import dev.cairn.ProgressListener;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import dev.cairn.lease.Lease;
import dev.cairn.lease.Leases;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Leases with fencing tokens: mutual exclusion, expiry by the backend's clock, renew, release. */
public interface LeasesTck extends TckArea {
  /** The lease most tests contend for. */
  String NAME = "leader";
  /** A ttl no test outlives, so only the expiry tests see a lease expire. */
  Duration LONG = Duration.ofSeconds(30);
  /** The id of the counter record that fenced writes increment. */
  String COUNTER = "fenced-counter";

  /** Acquiring a free lease returns a holding by the caller whose token is the acquiring revision. */
  @Test
  default void acquireReturnsAHoldingWithARevisionAsToken() {
    Leases leases = Leases.of(store());
    long revisionBefore = store().revision();
    long clockBefore = store().clockMillis();
    Lease lease = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    long clockAfter = store().clockMillis();
    assertEquals(NAME, lease.name());
    assertEquals("node-a", lease.owner());
    assertTrue(lease.token() > revisionBefore && lease.token() <= store().revision(),
        "the token " + lease.token() + " is a revision committed by the acquisition");
    assertTrue(lease.expiresAtMillis() >= clockBefore + LONG.toMillis()
        && lease.expiresAtMillis() <= clockAfter + LONG.toMillis(), "expiry is the backend clock plus the ttl");
    assertEquals(Optional.of(lease), leases.current(NAME));
  }

  /** A held lease is refused to another owner, and the refused attempt writes nothing. */
  @Test
  default void heldLeaseIsRefusedToAnotherOwner() {
    Leases leases = Leases.of(store());
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    long revision = store().revision();
    assertEquals(Optional.empty(), leases.tryAcquire(NAME, "node-b", LONG));
    assertEquals(revision, store().revision(), "a refused acquisition commits nothing");
    assertEquals(Optional.of(a), leases.current(NAME));
  }

  /** Leases are not re-entrant: the holder acquiring again gets nothing and keeps its holding unchanged. */
  @Test
  default void acquireIsNotReentrant() {
    Leases leases = Leases.of(store());
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    assertEquals(Optional.empty(), leases.tryAcquire(NAME, "node-a", LONG));
    assertEquals(Optional.of(a), leases.current(NAME), "same token and expiry as before");
  }

  /** Leases of different names are independent. */
  @Test
  default void namesAreIndependent() {
    Leases leases = Leases.of(store());
    Lease a = leases.tryAcquire("lock-1", "node-a", LONG).orElseThrow();
    Lease b = leases.tryAcquire("lock-2", "node-b", LONG).orElseThrow();
    leases.release(a);
    assertEquals(Optional.empty(), leases.current("lock-1"));
    assertEquals(Optional.of(b), leases.current("lock-2"));
  }

  /**
   * Tokens live in the store, not in its revisions: after an export and an import into a store
   * whose revisions start again, a holding keeps its token (its holder renews and releases it
   * there), and the next holders of a held and of a released lease get larger tokens.
   */
  @Test
  default void tokensKeepIncreasingAcrossExportAndImport() {
    Leases leases = Leases.of(store());
    for (int i = 0; i < 40; i++) {
      String id = "filler-" + i;
      store().update(tx -> tx.put(Task.PLAIN, id, "moves the revision on"));
    }
    Lease held = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    Lease released = leases.tryAcquire("released", "node-a", LONG).orElseThrow();
    leases.release(released);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    StoreArchive.export(store(), archive, ProgressListener.NONE);
    Store copy = tck().sibling("copy");
    StoreArchive.importFrom(copy, ArchiveSource.of(archive.toByteArray()), ProgressListener.NONE);
    assertTrue(copy.revision() < held.token(), "the import renumbered revisions below the tokens: " + copy.revision());

    Leases moved = Leases.of(copy);
    assertEquals(Optional.of(held), moved.current(NAME), "the holding moved with its token");
    assertEquals(Optional.empty(), moved.current("released"));
    Lease renewed = moved.renew(held, LONG);
    assertEquals(held.token(), renewed.token());
    moved.release(renewed);
    Lease next = moved.tryAcquire(NAME, "node-b", LONG).orElseThrow();
    assertTrue(next.token() > held.token(), "next holder's token " + next.token() + " exceeds " + held.token());
    Lease again = moved.tryAcquire("released", "node-b", LONG).orElseThrow();
    assertTrue(again.token() > released.token(), "token " + again.token() + " exceeds " + released.token());
  }

  /** After a release anyone may acquire at once, and each successive holder gets a strictly larger token. */
  @Test
  default void tokensStrictlyIncreaseAcrossHolders() {
    Leases leases = Leases.of(store());
    List<Long> tokens = new ArrayList<>();
    for (String owner : List.of("node-a", "node-b", "node-a", "node-c")) {
      Lease lease = leases.tryAcquire(NAME, owner, LONG).orElseThrow();
      tokens.add(lease.token());
      store().update(tx -> tx.put(Task.PLAIN, "unrelated", owner)); // revisions move on between holders too
      leases.release(lease);
      assertEquals(Optional.empty(), leases.current(NAME), "released");
    }
    assertStrictlyIncreasing(tokens);
  }

  /** Renewing keeps the token, moves the expiry, and keeps the lease held past its first expiry. */
  @Test
  default void renewKeepsTheTokenAndExtendsTheHolding() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease a = leases.tryAcquire(NAME, "node-a", Duration.ofMillis(1500)).orElseThrow();
    Lease renewed = leases.renew(a, LONG);
    assertTrue(renewed.isSameHolding(a), "same name, owner and token: " + renewed + " vs " + a);
    assertTrue(renewed.expiresAtMillis() > a.expiresAtMillis(), "the expiry moved on");
    assertEquals(Optional.of(renewed), leases.current(NAME));
    awaitUntil(() -> store().clockMillis() >= a.expiresAtMillis(), "the backend clock passes the first expiry");
    assertEquals(Optional.empty(), leases.tryAcquire(NAME, "node-b", LONG), "still held after the first expiry");
    fencedIncrement(leases, a); // any object of the holding fences
    assertEquals(1, counter());
    assertEquals(Optional.of(renewed), leases.current(NAME));
  }

  /**
   * A lease expires by the backend's clock: its holder's renew, release and fenced write then
   * fail and change nothing, before and after another owner takes it over with a larger token.
   */
  @Test
  default void expiredLeaseIsLostAndTakenOver() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease a = leases.tryAcquire(NAME, "node-a", Duration.ofMillis(250)).orElseThrow();
    awaitUntil(() -> leases.current(NAME).isEmpty(), "the lease expires");
    assertTrue(store().clockMillis() >= a.expiresAtMillis(), "expired by the backend clock");
    assertLostAndUnchanged(leases, a);

    Lease b = leases.tryAcquire(NAME, "node-b", LONG).orElseThrow();
    assertTrue(b.token() > a.token(), "the new holder's token " + b.token() + " exceeds " + a.token());
    assertTrue(b.expiresAtMillis() - LONG.toMillis() >= a.expiresAtMillis(), "taken over only after the expiry");
    assertLostAndUnchanged(leases, a);
    assertEquals(Optional.of(b), leases.current(NAME));
    fencedIncrement(leases, b);
    assertEquals(1, counter());
  }

  /** Another owner's renew and release are refused and change nothing, even with the holder's token. */
  @Test
  default void anotherOwnerCannotRenewOrRelease() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    Lease forged = Lease.of(NAME, "node-b", a.token(), a.expiresAtMillis());
    assertLostAndUnchanged(leases, forged);
    assertEquals(Optional.of(a), leases.current(NAME));
    leases.release(a);
    assertEquals(Optional.empty(), leases.current(NAME));
  }

  /**
   * A stale holding of the same owner (released, then acquired again) is refused: release,
   * renew and fenced writes check the token, not only the owner.
   */
  @Test
  default void staleHoldingOfTheSameOwnerIsRefused() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease first = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    leases.release(first);
    assertThrows(LeaseLostException.class, () -> leases.release(first), "released twice");
    Lease second = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    assertTrue(second.token() > first.token());
    assertLostAndUnchanged(leases, first);
    assertEquals(Optional.of(second), leases.current(NAME));
  }

  /** A write fenced by a held lease commits. */
  @Test
  default void fencedWriteCommitsWhileHeld() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    fencedIncrement(leases, a);
    fencedIncrement(leases, a);
    assertEquals(2, counter());
  }

  /**
   * A lease taken over after the fenced transaction checked it but before it committed fails
   * that commit: the transaction runs again, finds the lease lost, and nothing lands.
   */
  @Test
  default void takeoverBeforeCommitRejectsTheFencedWrite() {
    Leases leases = Leases.of(store());
    createCounter();
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<Lease> b = new AtomicReference<>();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertThrows(LeaseLostException.class, () -> store().update(tx -> {
        int attempt = attempts.incrementAndGet();
        leases.requireHeld(tx, a);
        long n = Long.parseLong(tx.get(Task.PLAIN, COUNTER).orElseThrow().value());
        tx.update(Task.PLAIN, COUNTER, Long.toString(n + 1));
        if (attempt == 1) {
          TransactionsTck.concurrently(other, () -> {
            leases.release(a);
            b.set(leases.tryAcquire(NAME, "node-b", LONG).orElseThrow());
          });
        }
      }));
    } finally {
      other.shutdownNow();
    }
    assertEquals(2, attempts.get(), "the conflicting commit ran the callback again, which then threw");
    assertEquals(0, counter(), "the fenced write never landed");
    assertEquals(Optional.of(b.get()), leases.current(NAME));
  }

  /**
   * Mutual exclusion: 8 threads contend for one lease until each held it several times; never
   * are two inside at once, every fenced write lands once, and tokens increase in holding order.
   */
  @Test
  default void mutualExclusionUnderContention() throws Exception {
    int threads = 8;
    int holdingsEach = 5;
    Leases leases = Leases.of(store());
    createCounter();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    runConcurrently(threads, thread -> {
      String owner = "worker-" + thread;
      int held = 0;
      while (held < holdingsEach) {
        assertTrue(System.nanoTime() < deadline, owner + " acquired the lease " + held + " times in time");
        Optional<Lease> lease = leases.tryAcquire(NAME, owner, LONG);
        if (lease.isEmpty()) {
          Thread.yield();
          continue;
        }
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        tokens.add(lease.get().token());
        fencedIncrement(leases, lease.get());
        inside.decrementAndGet(); // before the release, which lets the next holder in
        leases.release(lease.get());
        held++;
      }
    });
    assertEquals(1, mostInside.get(), "at most one holder at a time");
    assertEquals(threads * holdingsEach, tokens.size());
    assertEquals(threads * holdingsEach, counter(), "every holding's fenced write landed once");
    assertStrictlyIncreasing(tokens);
    assertEquals(Optional.empty(), leases.current(NAME));
  }

  /** Bad names, owners, ttls and tokens are InvalidArgumentException, and nothing is written. */
  @Test
  default void badInputIsRejected() {
    Leases leases = Leases.of(store());
    Lease a = leases.tryAcquire(NAME, "node-a", LONG).orElseThrow();
    long revision = store().revision();
    List<Executable> bad = List.of(
        () -> leases.tryAcquire(null, "o", LONG),
        () -> leases.tryAcquire("", "o", LONG),
        () -> leases.tryAcquire("a\u0000b", "o", LONG),
        () -> leases.tryAcquire("x".repeat(513), "o", LONG),
        () -> leases.tryAcquire("n", null, LONG),
        () -> leases.tryAcquire("n", "", LONG),
        () -> leases.tryAcquire("n", "o".repeat(Leases.MAX_OWNER_LENGTH + 1), LONG),
        () -> leases.tryAcquire("n", "bad\uD800", LONG),
        () -> leases.tryAcquire("n", "o", null),
        () -> leases.tryAcquire("n", "o", Duration.ZERO),
        () -> leases.tryAcquire("n", "o", Duration.ofMillis(-5)),
        () -> leases.tryAcquire("n", "o", Duration.ofNanos(500_000)),
        () -> leases.tryAcquire("n", "o", Leases.MAX_TTL.plusMillis(1)),
        () -> leases.renew(a, Duration.ZERO),
        () -> leases.renew(a, Leases.MAX_TTL.plusMillis(1)),
        () -> leases.current(""),
        () -> Lease.of(NAME, "node-a", 0, 1),
        () -> Lease.of(NAME, "", 1, 1));
    for (int i = 0; i < bad.size(); i++) {
      assertThrows(InvalidArgumentException.class, bad.get(i), "bad input #" + i);
    }
    assertEquals(revision, store().revision(), "nothing was written");
    assertEquals(Optional.of(a), leases.current(NAME), "the failed renewals changed nothing");
    assertTrue(leases.tryAcquire("n", "o".repeat(Leases.MAX_OWNER_LENGTH), Leases.MAX_TTL).isPresent(),
        "the limits themselves are accepted");
  }

  /** A holding and its token live in the store: they survive a restart, and later tokens stay larger. */
  @Test
  default void holdingsSurviveARestart() {
    require(Capabilities.Feature.PERSISTENT);
    Lease a = Leases.of(store()).tryAcquire(NAME, "node-a", LONG).orElseThrow();
    Store again = tck().reopen(store());
    Leases leases = Leases.of(again);
    assertEquals(Optional.of(a), leases.current(NAME));
    assertEquals(Optional.empty(), leases.tryAcquire(NAME, "node-b", LONG));
    leases.release(a);
    assertTrue(leases.tryAcquire(NAME, "node-b", LONG).orElseThrow().token() > a.token());
  }

  // ------------------------------------------------------------------ helpers

  /** Asserts that every use of {@code lost} fails with LeaseLostException and changes nothing. */
  private void assertLostAndUnchanged(Leases leases, Lease lost) {
    long revision = store().revision();
    long count = counter();
    assertThrows(LeaseLostException.class, () -> leases.renew(lost, LONG), "renew of " + lost);
    assertThrows(LeaseLostException.class, () -> leases.release(lost), "release of " + lost);
    assertThrows(LeaseLostException.class, () -> fencedIncrement(leases, lost), "write fenced by " + lost);
    assertEquals(revision, store().revision(), "nothing committed");
    assertEquals(count, counter(), "the fenced write did not land");
  }

  /** Increments the counter in a transaction fenced by {@code lease}. */
  private void fencedIncrement(Leases leases, Lease lease) {
    store().update(tx -> {
      leases.requireHeld(tx, lease);
      long n = Long.parseLong(tx.get(Task.PLAIN, COUNTER).orElseThrow().value());
      tx.update(Task.PLAIN, COUNTER, Long.toString(n + 1));
    });
  }

  private void createCounter() {
    store().update(tx -> tx.create(Task.PLAIN, COUNTER, "0"));
  }

  private long counter() {
    return store().view(tx -> tx.get(Task.PLAIN, COUNTER)).map(e -> Long.parseLong(e.value())).orElse(-1L);
  }

  private static void assertStrictlyIncreasing(List<Long> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      assertTrue(tokens.get(i) > tokens.get(i - 1), "token #" + i + " increases: " + tokens);
    }
  }

  /** Polls {@code condition} every millisecond until it holds, failing after 10 s. */
  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " in time");
      LockSupport.parkNanos(1_000_000);
    }
  }
}
