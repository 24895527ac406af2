package dev.cairn.lease;

import dev.cairn.Entry;
import dev.cairn.LeaseLostException;
import dev.cairn.ReadTransaction;
import dev.cairn.Store;
import dev.cairn.Transaction;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Leases as records of {@link Leases#COLLECTION}, each change one transaction of the store. */
final class DefaultLeases implements Leases {
  private final Store store;

  DefaultLeases(Store store) {
    this.store = store;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String owner, Duration ttl) {
    LeaseRules.checkName(name);
    LeaseRules.checkOwner(owner);
    long ttlMillis = LeaseRules.checkTtl(ttl);
    // What the committed attempt wrote; each attempt starts afresh, so a retry leaves no trace.
    AtomicReference<LeaseRecord> written = new AtomicReference<>();
    store.update(tx -> {
      written.set(null);
      Optional<Entry<LeaseRecord>> current = tx.get(LeaseRecord.SCHEMA, name);
      long now = store.clockMillis();
      if (current.isPresent() && current.get().value().isHeldAt(now)) {
        return; // held, possibly by owner itself: not re-entrant
      }
      // Above the last holding's token, which the record keeps (through releases, exports and
      // imports), and above the revision read: at most the acquiring commit's revision unless an
      // import renumbered the store's revisions below the tokens it carried over.
      long last = current.map(e -> e.value().token()).orElse(0L);
      long token = Math.max(last + 1, tx.readRevision() + 1);
      LeaseRecord acquired = new LeaseRecord(owner, token, now + ttlMillis);
      tx.put(LeaseRecord.SCHEMA, name, acquired);
      written.set(acquired);
    });
    LeaseRecord acquired = written.get();
    return acquired == null ? Optional.empty()
        : Optional.of(Lease.checked(name, owner, acquired.token(), acquired.expiresAtMillis()));
  }

  @Override
  public Lease renew(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    long ttlMillis = LeaseRules.checkTtl(ttl);
    return store.updateAndGet(tx -> {
      long now = checkHeld(tx, lease, "renew");
      long expiresAt = now + ttlMillis;
      tx.put(LeaseRecord.SCHEMA, lease.name(), new LeaseRecord(lease.owner(), lease.token(), expiresAt));
      return lease.withExpiry(expiresAt);
    });
  }

  @Override
  public void release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    store.update(tx -> {
      checkHeld(tx, lease, "release");
      tx.put(LeaseRecord.SCHEMA, lease.name(), LeaseRecord.released(lease.token()));
    });
  }

  @Override
  public void requireHeld(Transaction tx, Lease lease) {
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(lease, "lease");
    checkHeld(tx, lease, "fence a write with");
  }

  @Override
  public Optional<Lease> current(String name) {
    LeaseRules.checkName(name);
    return store.view(tx -> {
      Optional<Entry<LeaseRecord>> entry = tx.get(LeaseRecord.SCHEMA, name);
      long now = store.clockMillis();
      if (entry.isEmpty() || !entry.get().value().isHeldAt(now)) {
        return Optional.empty();
      }
      LeaseRecord held = entry.get().value();
      return Optional.of(Lease.checked(name, held.owner(), held.token(), held.expiresAtMillis()));
    });
  }

  /**
   * Reads the lease in {@code tx} and checks that {@code lease} is its current, unexpired holding.
   *
   * @return the backend clock's reading the check judged expiry by
   * @throws LeaseLostException if it is not
   */
  private long checkHeld(ReadTransaction tx, Lease lease, String action) {
    Optional<Entry<LeaseRecord>> entry = tx.get(LeaseRecord.SCHEMA, lease.name());
    long now = store.clockMillis();
    String which = "cannot " + action + " lease '" + lease.name() + "' of owner '" + lease.owner()
        + "' with token " + lease.token() + ": ";
    if (entry.isEmpty() || entry.get().value().owner().isEmpty()) {
      throw new LeaseLostException(which + "it is not held (released, or never acquired)");
    }
    LeaseRecord held = entry.get().value();
    long token = held.token();
    if (token != lease.token() || !held.owner().equals(lease.owner())) {
      throw new LeaseLostException(which + "it now belongs to owner '" + held.owner() + "' with token " + token);
    }
    if (now >= held.expiresAtMillis()) {
      throw new LeaseLostException(which + "it expired at " + held.expiresAtMillis()
          + " by the backend clock, which reads " + now);
    }
    return now;
  }
}
