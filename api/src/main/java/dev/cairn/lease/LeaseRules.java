package dev.cairn.lease;

import dev.cairn.InvalidArgumentException;
import dev.cairn.Names;
import java.time.Duration;

/** The rules for lease arguments, checked before any transaction runs. */
final class LeaseRules {
  private LeaseRules() {}

  static String checkName(String name) {
    return Names.checkKey("lease name", name);
  }

  static String checkOwner(String owner) {
    if (owner == null) {
      throw new InvalidArgumentException("lease owner must not be null");
    }
    if (owner.isEmpty()) {
      throw new InvalidArgumentException("lease owner must not be empty");
    }
    if (owner.length() > Leases.MAX_OWNER_LENGTH) {
      throw new InvalidArgumentException("lease owner is " + owner.length() + " chars; the limit is "
          + Leases.MAX_OWNER_LENGTH);
    }
    for (int i = 0; i < owner.length(); i++) {
      char c = owner.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < owner.length() && Character.isLowSurrogate(owner.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // A lone surrogate does not survive UTF-8, so the stored owner would differ.
        throw new InvalidArgumentException("lease owner is not well-formed UTF-16 (lone surrogate at " + i + ")");
      }
    }
    return owner;
  }

  /** Checks a ttl and returns it in whole milliseconds. */
  static long checkTtl(Duration ttl) {
    if (ttl == null) {
      throw new InvalidArgumentException("lease ttl must not be null");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidArgumentException("lease ttl must be positive: " + ttl);
    }
    if (ttl.compareTo(Leases.MAX_TTL) > 0) {
      throw new InvalidArgumentException("lease ttl " + ttl + " exceeds the maximum " + Leases.MAX_TTL);
    }
    long millis = ttl.toMillis();
    if (millis < 1) {
      throw new InvalidArgumentException("lease ttl must be at least 1 ms: " + ttl);
    }
    return millis;
  }
}
