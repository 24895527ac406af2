package dev.cairn.jdbc;

/**
 * How much of a namespace's past its tables keep, and when a commit trims the rest: the change
 * feed at least {@code revisions} revisions back, trimmed every {@link #TRIM_EVERY} revisions;
 * commit tokens the last {@link #TOKENS_KEPT} revisions, trimmed every {@link #TOKEN_TRIM_EVERY}.
 * Tokens have no index by revision (it cost each commit a page), so trimming them scans the
 * namespace's tokens: rarely, and over few. Immutable.
 *
 * @param revisions how many revisions of change history each namespace keeps at least
 */
record Retention(long revisions) {
  /** Commit tokens are kept this many revisions at least, however long or short the feed's retention. */
  static final long TOKENS_KEPT = 10_000;
  /** The feed is trimmed every this many revisions. */
  static final long TRIM_EVERY = 64;
  /** Tokens are trimmed every this many revisions (a multiple of {@link #TRIM_EVERY}). */
  static final long TOKEN_TRIM_EVERY = 1_024;

  /** Whether the commit of {@code revision} has anything to trim, the feed's floor being {@code floor}. */
  boolean due(long floor, long revision) {
    return historyDue(floor, revision) || tokensDue(revision);
  }

  /** Whether the commit of {@code revision} is a trim point with history below the retention to drop. */
  boolean historyDue(long floor, long revision) {
    return revision % TRIM_EVERY == 0 && revision - revisions > floor;
  }

  /** Whether the commit of {@code revision} is a trim point of tokens with tokens to drop. */
  boolean tokensDue(long revision) {
    return revision % TOKEN_TRIM_EVERY == 0 && revision > TOKENS_KEPT;
  }

  /** The feed's new floor once {@code revision} commits: changes up to it are dropped. */
  long historyFloor(long revision) {
    return revision - revisions;
  }

  /** Tokens of commits up to this revision are dropped once {@code revision} commits. */
  long tokenFloor(long revision) {
    return revision - TOKENS_KEPT;
  }
}
