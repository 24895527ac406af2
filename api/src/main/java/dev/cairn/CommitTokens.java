package dev.cairn;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique commit tokens without a secure random draw per commit: a random 128-bit prefix drawn
 * once per process, then a counter.
 */
final class CommitTokens {
  private static final String PREFIX;
  private static final AtomicLong COUNTER = new AtomicLong();

  static {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    PREFIX = HexFormat.of().formatHex(bytes) + "-";
  }

  private CommitTokens() {}

  static String next() {
    return PREFIX + Long.toHexString(COUNTER.incrementAndGet());
  }
}
