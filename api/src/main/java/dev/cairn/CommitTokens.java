package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.CommitOutcomeUnknownException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique commit tokens without a secure random draw per commit: a random 128-bit prefix drawn
 * once per process, then a counter in 16 hex digits, so that one process's tokens sort in the
 * order it made them (a backend's B-tree of tokens then grows at one edge and is trimmed at the
 * other, instead of touching a page anywhere for each); and the resolution of a commit whose outcome is unknown by
 * its token, shared by every committer.
 */
final class CommitTokens {
  /** How many times an unknown outcome is asked about before it is reported as unknown. */
  static final int OUTCOME_QUERIES = 8;

  private static final String PREFIX;
  private static final AtomicLong COUNTER = new AtomicLong();

  static {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    PREFIX = HexFormat.of().formatHex(bytes) + "-";
  }

  private CommitTokens() {}

  static String next() {
    String count = Long.toHexString(COUNTER.incrementAndGet());
    return PREFIX + "0".repeat(16 - count.length()) + count;
  }

  /**
   * Asks the backend whether the commit with {@code token} applied, pausing between queries the
   * backend cannot answer.
   *
   * @return the revision it applied under, or empty if it did not and never will
   * @throws UnavailableException if none of {@link #OUTCOME_QUERIES} queries got an answer
   */
  static OptionalLong resolve(Backend backend, String namespace, String token, Backoff backoff,
      CommitOutcomeUnknownException cause) {
    UnavailableException last = cause;
    for (int attempt = 2; attempt <= OUTCOME_QUERIES + 1; attempt++) {
      try {
        return backend.committedRevision(namespace, token);
      } catch (UnavailableException e) {
        last = e;
        backoff.pause(attempt);
      }
    }
    throw new UnavailableException("the outcome of commit " + token + " is unknown: it may or may not have applied,"
        + " and the backend did not answer " + OUTCOME_QUERIES + " queries about it", last);
  }
}
