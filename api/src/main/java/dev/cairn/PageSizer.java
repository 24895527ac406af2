package dev.cairn;

/**
 * Sizes the pages an export reads and the change reads of an export's replay and a migration's
 * follower, so that one page holds about {@link #TARGET_BYTES}: the SPI bounds a read by count
 * only, so the next read's count is {@code TARGET_BYTES} over the largest entry of the previous
 * read (never more than {@link ArchiveFormat#PAGE}), and the first read, before anything is
 * observed, assumes entries of the backend's {@link Capabilities#maxValueBytes()}.
 *
 * <p>The bound: a read holds at most {@code count × maxValueBytes}, where {@code count} is 1 for
 * a first read and {@code TARGET_BYTES / largest entry seen} after; so about {@code TARGET_BYTES}
 * while entries keep their size, more only when a page of small entries is followed by large
 * ones (and a change read always returns whole source transactions). Not thread-safe.
 */
final class PageSizer {
  /** About how many bytes of values, ids and index keys one read should hold. */
  static final long TARGET_BYTES = 4L << 20;

  private int limit;
  private long largest;

  PageSizer(long maxValueBytes) {
    this.limit = limitFor(Math.max(1, maxValueBytes));
  }

  /** Returns how many entries the next read should ask for: 1 to {@link ArchiveFormat#PAGE}. */
  int limit() {
    return limit;
  }

  /** Starts a read: the largest entry is measured afresh. */
  void startRead() {
    largest = 0;
  }

  /** Measures one entry of the current read. */
  void observe(String id, byte[] value) {
    largest = Math.max(largest, 64L + id.length() + (value == null ? 0 : value.length));
  }

  /** Ends a read: the next read's count follows its largest entry. */
  void endRead() {
    if (largest > 0) {
      limit = limitFor(largest);
    }
  }

  private static int limitFor(long entryBytes) {
    return (int) Math.max(1, Math.min(ArchiveFormat.PAGE, TARGET_BYTES / entryBytes));
  }
}
