package dev.cairn.datastore;

import com.google.cloud.datastore.Entity;
import dev.cairn.CompactedException;
import dev.cairn.spi.Change;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the change feed from two queries over a namespace's commit keys after a revision: the
 * commit entities, and the change entities under them, each in revision order. Revisions have no
 * gaps, so a first commit other than the one asked for, or one marked trimmed, means the history
 * was compacted. A commit is returned whole or not at all: one whose changes do not all come (a
 * trim between the two queries, or between a query's batches) ends the answer before it; so the
 * two queries need not read one snapshot. Stateless.
 */
final class FeedReader {
  private FeedReader() {}

  /**
   * @param commits the commit entities from revision {@code after + 1} on, in order
   * @param changes the change entities from the same revision on, in key order
   */
  static List<Change> read(String namespace, long after, int maxChanges, Iterator<Entity> commits,
      Iterator<Entity> changes) {
    List<Change> out = new ArrayList<>();
    long expected = after + 1;
    while (commits.hasNext() && out.size() < maxChanges) {
      Entity commit = commits.next();
      long r = commit.getKey().getId();
      if (r != expected || Entities.flag(commit, Layout.TRIMMED)) {
        if (expected == after + 1) {
          throw new CompactedException("namespace " + namespace + ": history up to revision "
              + (r != expected ? r - 1 : r) + " was compacted; cannot read changes after " + after);
        }
        break;
      }
      long count = Entities.number(commit, Layout.CHANGES);
      List<Change> whole = new ArrayList<>((int) count);
      while (whole.size() < count && changes.hasNext()) {
        Entity change = changes.next();
        if (change.getKey().getParent().getId() != r) {
          break;
        }
        whole.add(Entities.change(r, change));
      }
      if (whole.size() < count) {
        break;
      }
      out.addAll(whole);
      expected = r + 1;
    }
    return out;
  }
}
