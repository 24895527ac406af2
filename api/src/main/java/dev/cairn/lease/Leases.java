package dev.cairn.lease;

import dev.cairn.InvalidArgumentException;
import dev.cairn.LeaseLostException;
import dev.cairn.Store;
import dev.cairn.Transaction;
import dev.cairn.TransactionConflictException;
import dev.cairn.UnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Named leases (locks with a time limit) over a {@link Store}, each holding identified by a
 * {@linkplain Lease#token() fencing token}. Implementations are thread-safe and keep no state
 * of their own: every lease lives in the store, in the reserved collection {@value #COLLECTION}
 * of the store's namespace, so any number of {@code Leases} over stores of one namespace, in
 * any number of processes, agree.
 *
 * <p><b>The clock rule.</b> Expiry is judged only by the backend's clock, {@link
 * Store#clockMillis()}, read inside each transaction attempt; never by the caller's clock. A
 * lease is held while that clock reads less than its {@link Lease#expiresAtMillis()}.
 *
 * <p><b>Holdings.</b> A holding is identified by its name, owner and token; {@link #renew},
 * {@link #release} and {@link #requireHeld} accept any {@link Lease} object of the holding (its
 * expiry is informational) and judge expiry by what the store recorded.
 *
 * <p><b>Atomicity.</b> Every method runs one serializable transaction of the store (retried on
 * conflict like any {@link Store#update}): of several callers racing for one lease, exactly one
 * acquires it. {@link LeaseLostException} is never retried.
 *
 * <p>Besides the exceptions each method names, every method may throw what {@link Store#update}
 * throws: {@link TransactionConflictException} when every attempt conflicted, {@link
 * UnavailableException} when the backend cannot be reached.
 */
public interface Leases {
  /** The reserved collection that holds one record per lease, keyed by the lease name. */
  String COLLECTION = "cairn-leases";

  /** The longest owner, in UTF-16 chars. */
  int MAX_OWNER_LENGTH = 256;

  /** The longest ttl a lease may be acquired or renewed for. */
  Duration MAX_TTL = Duration.ofHours(24);

  /**
   * Returns the leases of a store's namespace.
   *
   * @param store the store the leases live in, never null; once it is closed, every method
   *     fails as the store's do
   * @return the leases, never null
   * @throws NullPointerException if {@code store} is null
   */
  static Leases of(Store store) {
    return new DefaultLeases(Objects.requireNonNull(store, "store"));
  }

  /**
   * Acquires a lease if nobody holds it: in one transaction, reads the lease and, if it is
   * absent, released or expired by the backend's clock, makes {@code owner} its holder until
   * that clock reads {@code now + ttl}. The returned lease's token is larger than every token
   * any earlier holder of {@code name} received (the lease's record keeps the last token, also
   * once released, and an export carries it to the store it is imported into).
   *
   * <p>Not re-entrant: if the lease is held, even by {@code owner} itself, this returns empty
   * and changes nothing (to extend a holding, {@link #renew} it).
   *
   * @param name the lease name: a non-empty string of at most 512 UTF-8 bytes, well-formed
   *     UTF-16, without NUL (the record-id rule)
   * @param owner who holds it: non-empty, at most {@value #MAX_OWNER_LENGTH} chars, well-formed
   *     UTF-16
   * @param ttl how long the holding lasts: at least 1 ms, at most {@link #MAX_TTL}
   * @return the new holding, or empty if the lease is held; never null
   * @throws InvalidArgumentException if the name, owner or ttl is null or breaks its rule
   */
  Optional<Lease> tryAcquire(String name, String owner, Duration ttl);

  /**
   * Extends a holding: in one transaction, checks that {@code lease} is still the current,
   * unexpired holding (same owner, same token) and sets its expiry to the backend clock's
   * {@code now + ttl} (which may also shorten it). The token stays the same.
   *
   * @param lease the holding, never null
   * @param ttl the new duration from now: at least 1 ms, at most {@link #MAX_TTL}
   * @return the holding with its new expiry, never null
   * @throws LeaseLostException if the lease expired, was released or is held by another
   *     holding; nothing changes
   * @throws InvalidArgumentException if the ttl is null or out of range
   * @throws NullPointerException if {@code lease} is null
   */
  Lease renew(Lease lease, Duration ttl);

  /**
   * Releases a holding, so the next {@link #tryAcquire} succeeds at once: in one transaction,
   * checks that {@code lease} is still the current, unexpired holding and removes it.
   *
   * <p>Only the holder releases: a lease of another owner, or a stale holding of the same owner
   * (an older token), is refused and changes nothing. An expired holding is refused too, even
   * if nobody took the lease over yet: the caller learns that its critical section outlived
   * the lease; the expired record is harmless and the next acquisition replaces it.
   *
   * @param lease the holding, never null
   * @throws LeaseLostException if the lease expired, was released or is held by another
   *     holding; nothing changes
   * @throws NullPointerException if {@code lease} is null
   */
  void release(Lease lease);

  /**
   * Fences a write: reads the lease inside {@code tx} and throws unless {@code lease} is still
   * the current, unexpired holding by the backend's clock. Because the transaction's reads are
   * validated when it commits, a transaction that called this commits only if nobody acquired,
   * renewed or released the lease in between; if someone did, the store runs the callback again
   * and this check then throws. So a write fenced by a lost lease never lands.
   *
   * <p>{@code tx} must be a transaction of this object's store (the same namespace). The check
   * fences only transactions that write: a transaction without writes commits nothing.
   *
   * @param tx the transaction of a {@link Store#update} callback, never null
   * @param lease the holding the write depends on, never null
   * @throws LeaseLostException if the lease expired, was released or is held by another
   *     holding; it propagates out of {@link Store#update} without a retry and nothing commits
   * @throws NullPointerException if {@code tx} or {@code lease} is null
   */
  void requireHeld(Transaction tx, Lease lease);

  /**
   * Returns the current holding of a lease, for inspection: read in one consistent view and
   * judged by the backend's clock. The answer may be outdated as soon as it returns.
   *
   * @param name the lease name (the record-id rule)
   * @return the unexpired holding, or empty if the lease is absent, released or expired; never
   *     null
   * @throws InvalidArgumentException if the name is null or breaks the rule
   */
  Optional<Lease> current(String name);
}
