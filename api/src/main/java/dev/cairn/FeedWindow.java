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
  /** The window holds the changes after this revision. */
  private long base;
  /** The feed is read through this revision: {@link #changes} is complete over (base, end]. */
  private long end;
  private final ArrayList<Change> changes = new ArrayList<>();
  /** The transactions read for their versions ({@link #versionAt}), by revision. */
  private final Map<Long, List<Change>> transactions = new HashMap<>();
  private long valueBytes;

  FeedWindow(Backend backend, String namespace) {
    this.backend = backend;
    this.namespace = namespace;
  }

  /** Starts the window at {@code revision}: it then holds nothing. */
  void startAt(long revision) {
    base = revision;
    end = revision;
    changes.clear();
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

  /** Moves the window's start on to {@code revision}, dropping the changes at or before it. */
  void moveBaseTo(long revision) {
    int n = 0;
    while (n < changes.size() && changes.get(n).revision() <= revision) {
      valueBytes -= sizeOf(changes.get(n));
      n++;
    }
    changes.subList(0, n).clear();
    base = revision;
    end = Math.max(end, revision);
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
          valueBytes += sizeOf(c);
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
    valueBytes += sizeOf(c);
    checkBounds();
  }

  private void checkBounds() {
    if (changes.size() > MAX_CHANGES || valueBytes > MAX_VALUE_BYTES) {
      throw new RetrySignal("the store moved on by more than " + MAX_CHANGES + " changes or "
          + (MAX_VALUE_BYTES >> 20) + " MiB since the view's revision " + base + "; a view that long reads again",
          false);
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
