package dev.cairn.datastore;

import com.google.cloud.datastore.Entity;
import dev.cairn.CompactedException;
import dev.cairn.spi.Change;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the change feed from a kindless query over a namespace's commit keys, which returns
 * each commit entity followed by its change entities, in revision order. Revisions have no gaps,
 * so a first commit other than the one asked for, or one marked trimmed, means the history was
 * compacted. A commit is returned whole or not at all: one whose changes do not all come (a
 * trim racing the query's later batches) ends the answer before it. Stateless.
 */
final class FeedReader {
  private FeedReader() {}

  static List<Change> read(String namespace, long after, int maxChanges, Iterator<Entity> results) {
    List<Change> out = new ArrayList<>();
    int complete = 0; // out's size up to the last whole commit
    long expected = after + 1;
    long revision = 0;
    long missing = 0;
    while (results.hasNext()) {
      Entity e = results.next();
      if (e.getKey().getKind().equals(Layout.COMMIT)) {
        if (missing > 0) {
          break;
        }
        complete = out.size();
        long r = e.getKey().getId();
        if (r != expected || Entities.flag(e, Layout.TRIMMED)) {
          if (complete == 0) {
            throw new CompactedException("namespace " + namespace + ": history up to revision "
                + (r != expected ? r - 1 : r) + " was compacted; cannot read changes after " + after);
          }
          break;
        }
        if (complete >= maxChanges) {
          break;
        }
        revision = r;
        expected = r + 1;
        missing = Entities.number(e, Layout.CHANGES);
      } else if (e.getKey().getKind().equals(Layout.CHANGE) && missing > 0) {
        out.add(Entities.change(revision, e));
        missing--;
        if (missing == 0) {
          complete = out.size();
        }
      }
    }
    return missing == 0 ? out : new ArrayList<>(out.subList(0, complete));
  }
}
