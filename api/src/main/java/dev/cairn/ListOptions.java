package dev.cairn;

/**
 * What {@link ReadTransaction#list(Schema, ListOptions)} returns: a range of ids (all, a
 * prefix, or {@code [from, to)}), the page size and the cursor of the page before. Immutable.
 */
public final class ListOptions {
  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 1000;
  /** The largest page size. */
  public static final int MAX_LIMIT = 10_000;

  final String prefix;
  final String from;
  final String to;
  final String cursor;
  final int limit;

  private ListOptions(String prefix, String from, String to, String cursor, int limit) {
    this.prefix = prefix;
    this.from = from;
    this.to = to;
    this.cursor = cursor;
    this.limit = limit;
  }

  /** Every record, first page, {@value #DEFAULT_LIMIT} at most. */
  public static ListOptions all() {
    return new ListOptions(null, null, null, null, DEFAULT_LIMIT);
  }

  /** The records whose id starts with {@code prefix}. */
  public static ListOptions prefix(String prefix) {
    return new ListOptions(Names.checkKey("id prefix", prefix), null, null, null, DEFAULT_LIMIT);
  }

  /** The records with {@code from <= id < to} in {@link Ids#ORDER}; either bound may be null. */
  public static ListOptions range(String from, String to) {
    if (from != null) {
      Names.checkKey("range start", from);
    }
    if (to != null) {
      Names.checkKey("range end", to);
    }
    if (from != null && to != null && Ids.compare(from, to) > 0) {
      throw new InvalidArgumentException("range start '" + from + "' is after its end '" + to + "'");
    }
    return new ListOptions(null, from, to, null, DEFAULT_LIMIT);
  }

  /** Returns these options with a page size from 1 to {@value #MAX_LIMIT}. */
  public ListOptions limit(int pageSize) {
    if (pageSize < 1 || pageSize > MAX_LIMIT) {
      throw new InvalidArgumentException("page size must be 1.." + MAX_LIMIT + ": " + pageSize);
    }
    return new ListOptions(prefix, from, to, cursor, pageSize);
  }

  /**
   * Returns these options continuing after a page: {@code cursor} is a previous page's
   * {@link Page#nextCursor()}, or null for the first page.
   */
  public ListOptions after(String pageCursor) {
    if (pageCursor != null) {
      Names.checkKey("cursor", pageCursor);
    }
    return new ListOptions(prefix, from, to, pageCursor, limit);
  }

  /** Returns the page size. */
  public int limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "ListOptions{prefix=" + prefix + ", from=" + from + ", to=" + to
        + ", cursor=" + cursor + ", limit=" + limit + "}";
  }
}
