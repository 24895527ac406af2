package dev.cairn.memory;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The tokens of the last {@code capacity} commits with their revisions, for resolving a commit
 * whose outcome a caller did not learn. Recording is two array stores, where a hash map cost a
 * hash and two cache misses on every commit; a lookup scans, which is fine because lookups
 * happen only after a lost connection. Not thread-safe: {@link Space} guards it.
 */
final class TokenLog {
  private final int capacity;
  private String[] tokens = new String[16];
  private long[] revisions = new long[16];
  /** Where the next token goes; the ring is full once {@link #count} reaches its length. */
  private int next;
  private int count;

  TokenLog(int capacity) {
    this.capacity = capacity;
  }

  /** Records that the commit with {@code token} applied as {@code revision}, forgetting the oldest past capacity. */
  void add(String token, long revision) {
    if (count == tokens.length && tokens.length < capacity) {
      int grown = Math.min(capacity, tokens.length * 2);
      // Below capacity the ring fills from 0 in order, so it was full with next back at 0.
      tokens = Arrays.copyOf(tokens, grown);
      revisions = Arrays.copyOf(revisions, grown);
      next = count;
    }
    tokens[next] = token;
    revisions[next] = revision;
    next = (next + 1) % tokens.length;
    count = Math.min(count + 1, tokens.length);
  }

  /** Returns the revision the commit with {@code token} applied as, or empty if unknown or forgotten. */
  OptionalLong find(String token) {
    for (int i = 1; i <= count; i++) {
      int at = Math.floorMod(next - i, tokens.length);
      if (tokens[at].equals(token)) {
        return OptionalLong.of(revisions[at]);
      }
    }
    return OptionalLong.empty();
  }
}
