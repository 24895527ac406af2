package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps a view (a read-only transaction) at one revision however busy the store, on any backend,
 * with the change feed alone: a view never runs again because of writers while the feed holds
 * what it needs. The view's revision is the one its first answer was current at; each later
 * answer is made an answer at that revision:
 *
 * <ul>
 *   <li><b>as read</b>, when nothing it covers was written since the view's revision (the
 *       backend's collection revision says so without reading the feed);
 *   <li><b>brought back</b> otherwise: each record in its scope written since the view's revision
 *       is replaced by the version that its first later write replaced, taken from the feed entry
 *       that wrote that version, or dropped if that write created it.
 * </ul>
 *
 * <p>A listing of many pages ({@link #listing}) is gathered before the callback sees it: its
 * pages, each current at its own revision, are first rolled forward to the newest of them with
 * the feed's new values, then handled as one answer. So a view that lists first (a controller's
 * start) reads only the feed written during its listing, and needs no older history. Only what
 * the feed no longer holds, or a window past {@link FeedWindow}'s bounds, makes the view run
 * again ({@link RetrySignal}). Confined to one transaction's thread.
 *
 * <p>Why the feed and not each backend's own snapshot: it works on every backend, a third party's
 * included, with the SPI as it is; the caller cannot tell the difference; and it costs nothing
 * while the store is idle.
 */
final class ViewSnapshot {
  private final FeedWindow window;
  private boolean started;
  private long revision;

  ViewSnapshot(Backend backend, String namespace) {
    this.window = new FeedWindow(backend, namespace);
  }

  /**
   * A page of a listing being gathered.
   *
   * @param covered the ids the page answers for: from the previous page's end to its last record, or
   *     to the range's end for the last page
   * @param records the page's records
   * @param revision the revision the page was current at
   * @param collectionRevision the newest write to the collection as of {@code revision}
   */
  record Part(IdRange covered, List<StoredRecord> records, long revision, long collectionRevision) {}

  /** Returns whether the view has read anything. */
  boolean started() {
    return started;
  }

  /** Returns the view's revision; 0 before its first read. */
  long revision() {
    return revision;
  }

  /**
   * Returns a point read as of the view's revision.
   *
   * @param record the record as read, or null if absent
   * @param answeredAt the revision the read was current at
   * @param collectionRevision the newest write to the collection as of {@code answeredAt}
   */
  StoredRecord point(String collection, String id, StoredRecord record, long answeredAt, long collectionRevision) {
    long newest = record != null ? record.modRevision() : collectionRevision;
    if (holdsAsRead(answeredAt, newest)) {
      return record;
    }
    List<StoredRecord> atView = back(collection, id::equals, record == null ? List.of() : List.of(record),
        answeredAt, null);
    return atView.isEmpty() ? null : atView.get(0);
  }

  /**
   * Returns a page of a range scan as of the view's revision: the records of {@code covered}.
   *
   * @param records the page's records, in id order
   * @param answeredAt the revision the page was current at
   * @param collectionRevision the newest write to the collection as of {@code answeredAt}
   */
  List<StoredRecord> page(String collection, IdRange covered, List<StoredRecord> records, long answeredAt,
      long collectionRevision) {
    if (holdsAsRead(answeredAt, collectionRevision)) {
      return records;
    }
    return back(collection, covered::contains, records, answeredAt, null);
  }

  /**
   * Returns a listing gathered page by page, each page current at its own revision, as of the
   * view's revision.
   *
   * @param range the ids listed: the parts' covered ranges, together
   * @param parts the pages, in id order
   */
  List<StoredRecord> listing(String collection, IdRange range, List<Part> parts) {
    long oldest = Long.MAX_VALUE;
    long latest = 0;
    long newest = 0;
    List<StoredRecord> all = new ArrayList<>();
    for (Part p : parts) {
      oldest = Math.min(oldest, p.revision);
      latest = Math.max(latest, p.revision);
      newest = Math.max(newest, p.collectionRevision);
      all.addAll(p.records);
    }
    if (newest <= oldest) {
      // the collection did not change while the pages were read: they hold together at `oldest`
      return page(collection, range, all, oldest, newest);
    }
    boolean first = !started;
    if (first) {
      start(oldest); // the feed window starts at the oldest page
    } else if (oldest < revision) {
      throw answeredBefore(oldest);
    }
    List<StoredRecord> atLatest = forward(collection, parts, latest);
    if (first) {
      start(latest); // the listing is the view's first answer: the view reads at its newest page
      return atLatest;
    }
    return page(collection, range, atLatest, latest, newest);
  }

  /**
   * Returns an index lookup as of the view's revision.
   *
   * @param records the records found, in id order
   */
  List<StoredRecord> lookup(String collection, String index, String key, boolean prefix, List<StoredRecord> records,
      long answeredAt, long collectionRevision) {
    if (holdsAsRead(answeredAt, collectionRevision)) {
      return records;
    }
    return back(collection, id -> true, records, answeredAt, was -> matches(was.indexKeys().get(index), key, prefix));
  }

  // ---------------------------------------------------------------- as read, or brought back

  /** Whether an answer holds at the view's revision as read; starts the view at the first answer. */
  private boolean holdsAsRead(long answeredAt, long newest) {
    if (!started) {
      start(answeredAt);
      return true;
    }
    if (answeredAt < revision) {
      throw answeredBefore(answeredAt);
    }
    return newest <= revision;
  }

  private void start(long at) {
    started = true;
    revision = at;
    window.startAt(at);
  }

  private RetrySignal answeredBefore(long answeredAt) {
    return new RetrySignal("a read answered at revision " + answeredAt + ", before the view's revision " + revision);
  }

  /**
   * Brings an answer at {@code answeredAt} back to the view's revision: the records of the ids in
   * scope written since are replaced by their versions at the view's revision. A record newer
   * than the view whose write the feed lacks means the backend's answer and feed disagree: the
   * view runs again rather than return it.
   *
   * @param inScope the ids the answer answers for
   * @param keep which restored versions belong in the answer (null: all)
   */
  private List<StoredRecord> back(String collection, Predicate<String> inScope,
      List<StoredRecord> records, long answeredAt, Predicate<Change> keep) {
    Map<String, Change> firstWrites = new HashMap<>();
    for (Change c : window.through(answeredAt)) {
      if (c.collection().equals(collection) && inScope.test(c.id())) {
        firstWrites.putIfAbsent(c.id(), c);
      }
    }
    for (StoredRecord r : records) {
      if (r.modRevision() > revision && !firstWrites.containsKey(r.id())) {
        throw new RetrySignal("the change feed holds no write of " + collection + "/" + r.id() + " at revision "
            + r.modRevision());
      }
    }
    Map<String, StoredRecord> restored = new HashMap<>();
    for (Change first : firstWrites.values()) {
      Change was = window.versionBefore(first);
      restored.put(first.id(), was != null && (keep == null || keep.test(was)) ? recordOf(was) : null);
    }
    return replaced(records, restored);
  }

  /** Rolls gathered pages forward to {@code latest}, each from its own revision, with the feed's new values. */
  private List<StoredRecord> forward(String collection, List<Part> parts, long latest) {
    Map<String, StoredRecord> latestWrites = new HashMap<>();
    for (Change c : window.through(latest)) {
      if (c.collection().equals(collection)) {
        for (Part p : parts) {
          if (p.covered.contains(c.id())) {
            if (c.revision() > p.revision) {
              latestWrites.put(c.id(), c.value() == null ? null
                  : new StoredRecord(collection, c.id(), c.value(), c.createRevision(), c.revision()));
            }
            break;
          }
        }
      }
    }
    List<StoredRecord> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.records));
    return replaced(all, latestWrites);
  }

  /**
   * Returns {@code records} with each id of {@code replacements} replaced by its record there, or
   * left out where that is null, in id order. Linear in the records with one hash probe each (ids
   * cache their hash); only ids the records lack (creates) are placed by comparison.
   *
   * @param records records in id order
   */
  private static List<StoredRecord> replaced(List<StoredRecord> records, Map<String, StoredRecord> replacements) {
    if (replacements.isEmpty()) {
      return records;
    }
    List<StoredRecord> out = new ArrayList<>(records.size() + replacements.size());
    int found = 0;
    for (StoredRecord r : records) {
      if (replacements.containsKey(r.id())) {
        found++;
        addIfPresent(out, replacements.get(r.id()));
      } else {
        out.add(r);
      }
    }
    if (found == replacements.size()) {
      return out;
    }
    List<StoredRecord> created = new ArrayList<>();
    for (StoredRecord r : replacements.values()) {
      if (r != null && !containsId(records, r.id())) {
        created.add(r);
      }
    }
    if (created.isEmpty()) {
      return out;
    }
    created.sort((a, b) -> Ids.compare(a.id(), b.id()));
    List<StoredRecord> merged = new ArrayList<>(out.size() + created.size());
    int from = 0;
    for (StoredRecord c : created) {
      int at = insertionPoint(out, c.id(), from);
      merged.addAll(out.subList(from, at));
      merged.add(c);
      from = at;
    }
    merged.addAll(out.subList(from, out.size()));
    return merged;
  }

  private static boolean containsId(List<StoredRecord> sorted, String id) {
    int at = insertionPoint(sorted, id, 0);
    return at < sorted.size() && sorted.get(at).id().equals(id);
  }

  /** The index of the first record in {@code sorted[from..]} whose id is not below {@code id}: a binary search. */
  private static int insertionPoint(List<StoredRecord> sorted, String id, int from) {
    int low = from;
    int high = sorted.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (Ids.compare(sorted.get(mid).id(), id) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static void addIfPresent(List<StoredRecord> out, StoredRecord r) {
    if (r != null) {
      out.add(r);
    }
  }

  private static StoredRecord recordOf(Change version) {
    return new StoredRecord(version.collection(), version.id(), version.value(), version.createRevision(),
        version.revision());
  }

  static boolean matches(Set<String> keys, String key, boolean prefix) {
    if (keys == null) {
      return false;
    }
    if (!prefix) {
      return keys.contains(key);
    }
    for (String k : keys) {
      if (k.startsWith(key)) {
        return true;
      }
    }
    return false;
  }
}
