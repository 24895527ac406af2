package dev.cairn.memory;

import dev.cairn.spi.Change;
import java.util.List;

/**
 * The change lists of consecutive revisions, oldest first, in a growable ring: appending the
 * next revision and dropping the oldest cost no comparison, boxing or allocation, unlike a
 * sorted map of revision to changes (which was a sixth of a single-record commit). Not
 * thread-safe: {@link Space} guards it with its lock.
 */
final class History {
  private List<Change>[] ring = newRing(16);
  /** Index in {@link #ring} of the oldest revision. */
  private int head;
  private int size;
  /** The oldest revision held, when {@link #size} is not 0. */
  private long oldest;

  @SuppressWarnings("unchecked")
  private static List<Change>[] newRing(int capacity) {
    return (List<Change>[]) new List<?>[capacity];
  }

  int size() {
    return size;
  }

  /**
   * Appends the changes of {@code revision}, which must follow the newest held one.
   *
   * @throws IllegalStateException if it does not
   */
  void append(long revision, List<Change> changes) {
    if (size == 0) {
      oldest = revision;
    } else if (revision != oldest + size) {
      throw new IllegalStateException("revision " + revision + " does not follow " + (oldest + size - 1));
    }
    if (size == ring.length) {
      List<Change>[] bigger = newRing(ring.length * 2);
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) & (ring.length - 1)];
      }
      ring = bigger;
      head = 0;
    }
    ring[(head + size) & (ring.length - 1)] = changes;
    size++;
  }

  /** Drops the oldest revision, which must exist, and returns it. */
  long dropOldest() {
    ring[head] = null;
    head = (head + 1) & (ring.length - 1);
    size--;
    return oldest++;
  }

  /** Drops every revision up to and including {@code revision}. */
  void dropThrough(long revision) {
    while (size > 0 && oldest <= revision) {
      dropOldest();
    }
  }

  void clear() {
    while (size > 0) {
      dropOldest();
    }
  }

  /**
   * Adds to {@code out} the changes of every revision after {@code after}, oldest first,
   * stopping after the revision that brings {@code out} to {@code max} changes or more.
   */
  void collectAfter(long after, int max, List<Change> out) {
    long skip = Math.max(0, after + 1 - oldest);
    for (long i = skip; i < size; i++) {
      out.addAll(ring[(int) ((head + i) & (ring.length - 1))]);
      if (out.size() >= max) {
        return;
      }
    }
  }
}
