package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feed after a view's revision, read once and kept for the view's life: what brings
 * answers read at later revisions back to the view's revision (see {@link ViewSnapshot}). Reads
 * the feed forward only as far as an answer needs, and the transactions that wrote the versions a
 * view restores, each once. Confined to one transaction's thread.
 *
 * <p>Bounded: past {@value #MAX_CHANGES} changes or {@value #MAX_VALUE_BYTES} bytes of values
 * kept, the view runs again rather than hold more (a view that long, under writers that fast,
 * would be better served by a shorter view or a namespace per writer).
 */
final class FeedWindow {
  /** Changes asked per feed read. */
  private static final int PAGE = 512;
  /** The most changes a window keeps. */
  static final int MAX_CHANGES = 1_000_000;
  /** The most value bytes a window keeps. */
  static final long MAX_VALUE_BYTES = 64L << 20;

  private final Backend backend;
  private final String namespace;
  private final int maxChanges;
  private final long maxValueBytes;
  /** The window holds the changes after this revision. */
  private long base;
  /** The feed is read through this revision: {@link #changes} is complete over (base, end]. */
  private long end;
  private final ArrayList<Change> changes = new ArrayList<>();
  /** The transactions read for their versions ({@link #versionBefore}), by revision. */
  private final Map<Long, List<Change>> transactions = new HashMap<>();
  /** The value bytes of {@link #changes}, and of {@link #transactions}. */
  private long windowBytes;
  private long versionBytes;

  FeedWindow(Backend backend, String namespace) {
    this(backend, namespace, MAX_CHANGES, MAX_VALUE_BYTES);
  }

  /** Creates a window with other bounds; for tests. */
  FeedWindow(Backend backend, String namespace, int maxChanges, long maxValueBytes) {
    this.backend = backend;
    this.namespace = namespace;
    this.maxChanges = maxChanges;
    this.maxValueBytes = maxValueBytes;
  }

  /** Starts the window at {@code revision}: it then holds nothing. */
  void startAt(long revision) {
    base = revision;
    end = revision;
    changes.clear();
    windowBytes = 0;
  }

  /**
   * Returns the changes in (base, {@code revision}], in feed order, reading the feed as far as
   * needed; unmodifiable view, valid until the window next moves.
   *
   * @throws RetrySignal if the feed no longer holds them, or the window would grow past its bounds
   */
  List<Change> through(long revision) {
    while (end < revision) {
      List<Change> page = read(end, PAGE);
      if (page.isEmpty()) {
        throw new RetrySignal("the change feed holds nothing after revision " + end + ", though a read answered at "
            + revision, false);
      }
      for (Change c : page) {
        keep(c);
      }
      end = Math.max(end, page.get(page.size() - 1).revision());
    }
    int n = changes.size();
    while (n > 0 && changes.get(n - 1).revision() > revision) {
      n--;
    }
    return Collections.unmodifiableList(changes.subList(0, n));
  }

  /**
   * Returns the version of {@code collection/id} that its first change after the window's base
   * replaced, as that version's feed entry recorded it (value and index keys), or null if the
   * record did not exist at the base.
   *
   * @param first the record's first change after the base
   * @throws RetrySignal if the feed no longer holds that version
   */
  Change versionBefore(Change first) {
    long revision = first.prevModRevision();
    if (revision == 0) {
      return null;
    }
    List<Change> transaction = transactions.get(revision);
    if (transaction == null) {
      transaction = new ArrayList<>();
      for (Change c : read(revision - 1, 1)) {
        if (c.revision() == revision) {
          transaction.add(c);
          versionBytes += sizeOf(c);
        }
      }
      checkBounds();
      transactions.put(revision, transaction);
    }
    for (Change c : transaction) {
      if (c.collection().equals(first.collection()) && c.id().equals(first.id()) && c.value() != null) {
        return c;
      }
    }
    throw new RetrySignal("the change feed holds no write of " + first.collection() + "/" + first.id()
        + " at revision " + revision + ", the version its change at revision " + first.revision() + " replaced",
        false);
  }

  private void keep(Change c) {
    changes.add(c);
    windowBytes += sizeOf(c);
    checkBounds();
  }

  private void checkBounds() {
    if (changes.size() > maxChanges || windowBytes + versionBytes > maxValueBytes) {
      throw new RetrySignal("the store moved on by more than " + maxChanges + " changes or " + maxValueBytes
          + " bytes of values since the view's revision " + base + "; a view that long reads again", false);
    }
  }

  private static long sizeOf(Change c) {
    return c.value() == null ? 0 : c.value().length;
  }

  private List<Change> read(long after, int max) {
    try {
      return backend.changes(namespace, after, max);
    } catch (CompactedException e) {
      throw new RetrySignal("the change feed no longer holds revision " + (after + 1) + ", which a view at revision "
          + base + " needs (" + e.getMessage() + ")", true);
    }
  }
}
