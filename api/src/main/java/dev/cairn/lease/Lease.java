package dev.cairn.lease;

import dev.cairn.InvalidArgumentException;

/**
 * One holding of a named lease: who holds it, its fencing token and when it expires by the
 * backend's clock. Immutable and thread-safe; obtained from {@link Leases#tryAcquire} and
 * {@link Leases#renew}.
 *
 * <p>The {@linkplain #token() fencing token} identifies the holding: strictly larger for each
 * successive holder of one name, the same across renewals, and kept by the store (through
 * restarts, releases, exports and imports). It is at least the store revision the acquisition
 * read plus one, so in a store never imported into it is the revision of the acquiring commit or
 * lower. Pass it to whatever the lease protects, so that it can refuse requests of an older token.
 */
public final class Lease {
  private final String name;
  private final String owner;
  private final long token;
  private final long expiresAtMillis;

  private Lease(String name, String owner, long token, long expiresAtMillis) {
    this.name = name;
    this.owner = owner;
    this.token = token;
    this.expiresAtMillis = expiresAtMillis;
  }

  /**
   * Returns a holding from its parts, e.g. as a process saved them before it restarted. Whether
   * it is still held is decided by the store when it is used.
   *
   * @param name the lease name (the record-id rule)
   * @param owner the owner: non-empty, at most {@value Leases#MAX_OWNER_LENGTH} chars
   * @param token the fencing token, at least 1
   * @param expiresAtMillis the expiry, in backend-clock milliseconds since the epoch
   * @return the holding, never null
   * @throws InvalidArgumentException if the name, owner or token is invalid
   */
  public static Lease of(String name, String owner, long token, long expiresAtMillis) {
    LeaseRules.checkName(name);
    LeaseRules.checkOwner(owner);
    if (token < 1) {
      throw new InvalidArgumentException("lease token must be at least 1: " + token);
    }
    return new Lease(name, owner, token, expiresAtMillis);
  }

  /** Creates a holding from parts already checked. */
  static Lease checked(String name, String owner, long token, long expiresAtMillis) {
    return new Lease(name, owner, token, expiresAtMillis);
  }

  /** Returns the lease name, never null. */
  public String name() {
    return name;
  }

  /** Returns the owner that holds it, never null. */
  public String owner() {
    return owner;
  }

  /** Returns the fencing token: at least 1, larger for each successive holder of the name. */
  public long token() {
    return token;
  }

  /**
   * Returns the first instant, in backend-clock milliseconds since the epoch ({@link
   * dev.cairn.Store#clockMillis()}), at which the holding no longer counts.
   */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** Returns whether the holding has expired when the backend's clock reads {@code clockMillis}. */
  public boolean isExpiredAt(long clockMillis) {
    return clockMillis >= expiresAtMillis;
  }

  /** Returns whether {@code other} (may be null) is the same holding: same name, owner and token. */
  public boolean isSameHolding(Lease other) {
    return other != null && token == other.token && name.equals(other.name) && owner.equals(other.owner);
  }

  /** Returns this holding with another expiry. */
  Lease withExpiry(long newExpiresAtMillis) {
    return new Lease(name, owner, token, newExpiresAtMillis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lease && isSameHolding((Lease) o) && expiresAtMillis == ((Lease) o).expiresAtMillis;
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + owner.hashCode()) * 31 + Long.hashCode(token);
  }

  @Override
  public String toString() {
    return "Lease{name=" + name + ", owner=" + owner + ", token=" + token + ", expiresAtMillis=" + expiresAtMillis + "}";
  }
}
