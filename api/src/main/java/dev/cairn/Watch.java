package dev.cairn;

import java.time.Duration;

/**
 * A subscription to a namespace's change feed ({@link Store#watch}). Events arrive strictly
 * ordered by revision, without gaps or duplicates; the changes of one transaction arrive
 * together, followed by a {@link WatchEvent.Committed} marker. History replays first, then live
 * changes follow seamlessly.
 *
 * <p>A watch buffers a bounded number of events. A consumer that falls further behind does
 * not slow writers: its watch fails with {@link SlowWatcherException}, and a new watch from
 * {@link #lastRevision()} + 1 resumes where it left off.
 *
 * <p>One consumer thread at a time; {@link #close()} may be called from any thread.
 */
public interface Watch extends AutoCloseable {

  /**
   * Waits for the next event.
   *
   * @return the event, or null if none arrived within {@code timeout}
   * @throws SlowWatcherException if the watch overflowed its buffer
   * @throws CompactedException if the history to replay was compacted
   * @throws ClosedException if the watch or its store was closed
   * @throws InterruptedException if the thread was interrupted
   */
  WatchEvent poll(Duration timeout) throws InterruptedException;

  /**
   * Returns the revision of the last transaction whose events were all delivered (its
   * {@link WatchEvent.Committed} marker returned), or the start revision minus one.
   */
  long lastRevision();

  /** Returns whether the watch is closed or failed. */
  boolean isClosed();

  /** Stops the watch and frees its buffer; idempotent. */
  @Override
  void close();
}
