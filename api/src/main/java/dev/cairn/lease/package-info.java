/**
 * Leases and locks with fencing tokens, built on the public {@link dev.cairn.Store} API, so they
 * work the same on every backend.
 *
 * <p>A lease is a named lock with a time limit. {@link dev.cairn.lease.Leases#tryAcquire}
 * makes one owner its holder until the backend's clock ({@link dev.cairn.Store#clockMillis()},
 * never the caller's) passes the expiry; the holder {@linkplain dev.cairn.lease.Leases#renew
 * renews} it before then and {@linkplain dev.cairn.lease.Leases#release releases} it when done.
 * Each holding carries a {@linkplain dev.cairn.lease.Lease#token() fencing token}, a store
 * revision strictly larger for every successive holder, which survives restarts because it lives
 * in the store.
 *
 * <p>A holder that was paused (a GC, a partition) may still believe it holds an expired lease.
 * Fence its writes: {@link dev.cairn.lease.Leases#requireHeld} inside the writing transaction
 * makes the commit fail with {@link dev.cairn.LeaseLostException} unless the lease is still
 * held, because the transaction's read of the lease is validated at commit.
 *
 * <pre>{@code
 * Leases leases = Leases.of(store);
 * Optional<Lease> acquired = leases.tryAcquire("scheduler-leader", "node-7", Duration.ofSeconds(10));
 * if (acquired.isPresent()) {
 *   Lease lease = acquired.get();
 *   try {
 *     store.update(tx -> {
 *       leases.requireHeld(tx, lease);     // the write lands only while the lease is held
 *       tx.put(PLANS, "current", plan);
 *     });
 *     // well before lease.expiresAtMillis(); the holding (owner, token) stays the same
 *     Lease renewed = leases.renew(lease, Duration.ofSeconds(10));
 *     // ... more fenced work ...
 *   } catch (LeaseLostException lost) {
 *     // expired or taken over: stop acting as its holder
 *   } finally {
 *     try {
 *       leases.release(lease);             // any Lease object of this holding will do
 *     } catch (LeaseLostException alreadyLost) {
 *       // nothing to release
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Leases are records of the reserved collection {@value dev.cairn.lease.Leases#COLLECTION},
 * one per lease name ever acquired (a released lease keeps its record, without an owner, so that
 * its last token is never handed out again), which applications must not write themselves; they
 * appear in exports and in the change feed like any other record.
 */
package dev.cairn.lease;
