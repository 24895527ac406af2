package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.StoredRecord;
import java.util.List;

/**
 * Reads a record as it was at an earlier revision, from the change feed: what lets a view keep
 * its snapshot when the store moves on under it, instead of starting over. The first change of
 * the record after that revision names the version it replaced ({@link Change#prevModRevision});
 * the feed entry of that version holds its value. Costs two feed reads, and is only asked when a
 * view's read found the record newer than the view's revision. Stateless.
 */
final class FeedHistory {
  /** Changes read per feed page. */
  private static final int PAGE = 256;
  /** Feed pages searched for the record's first later change before the view starts over. */
  private static final int MAX_PAGES = 8;

  private FeedHistory() {}

  /**
   * Returns the record as it was at revision {@code at}, or null if it did not exist then.
   *
   * @param answeredAt the revision at which the current state of the record was read, at least
   *     {@code at}: the record's first change after {@code at}, if any, is at most this
   * @param current the record as read at {@code answeredAt}, or null if absent then
   * @throws RetrySignal if the feed cannot tell: compacted below what is needed, or too many
   *     changes since {@code at} to search
   */
  static StoredRecord recordAt(Backend backend, String namespace, String collection, String id, long at,
      long answeredAt, StoredRecord current) {
    long after = at;
    for (int page = 0; page < MAX_PAGES && after < answeredAt; page++) {
      List<Change> changes = changes(backend, namespace, after);
      if (changes.isEmpty()) {
        break;
      }
      for (Change c : changes) {
        if (c.revision() > answeredAt) {
          return unchangedSince(at, collection, id, current);
        }
        if (c.collection().equals(collection) && c.id().equals(id)) {
          return c.prevModRevision() == 0 ? null : versionOf(backend, namespace, collection, id, c.prevModRevision());
        }
      }
      after = changes.get(changes.size() - 1).revision();
    }
    if (after < answeredAt) {
      throw new RetrySignal("more than " + PAGE * MAX_PAGES + " changes since revision " + at
          + " to search for " + collection + "/" + id);
    }
    return unchangedSince(at, collection, id, current);
  }

  /** The record had no change in (at, answeredAt]: as read, unless the read says otherwise. */
  private static StoredRecord unchangedSince(long at, String collection, String id, StoredRecord current) {
    if (current != null && current.modRevision() > at) {
      throw new RetrySignal("the feed holds no change of " + collection + "/" + id + " at revision "
          + current.modRevision());
    }
    return current;
  }

  /** Returns the version of the record written at {@code revision}, from that transaction's feed entry. */
  private static StoredRecord versionOf(Backend backend, String namespace, String collection, String id,
      long revision) {
    for (Change c : changes(backend, namespace, revision - 1)) {
      if (c.revision() > revision) {
        break;
      }
      if (c.revision() == revision && c.collection().equals(collection) && c.id().equals(id) && c.value() != null) {
        return new StoredRecord(collection, id, c.value(), c.createRevision(), revision);
      }
    }
    throw new RetrySignal("the feed holds no write of " + collection + "/" + id + " at revision " + revision);
  }

  private static List<Change> changes(Backend backend, String namespace, long after) {
    try {
      return backend.changes(namespace, after, PAGE);
    } catch (CompactedException e) {
      throw new RetrySignal("the feed no longer holds revision " + (after + 1) + ": " + e.getMessage());
    }
  }
}
