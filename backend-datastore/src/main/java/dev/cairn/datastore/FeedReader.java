package dev.cairn.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import dev.cairn.CompactedException;
import dev.cairn.spi.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the change feed by key, with no query: revisions have no gaps, so the commits after a
 * revision are the commit entities of the next revisions, and a commit's changes are its change
 * entities 1 to its count. A lookup by key is the cheapest read Datastore has, and strongly
 * consistent; on the emulators a query costs time in proportion to every entity of its kind in
 * the project.
 *
 * <p>The first lookup holds the namespace's trim marks and the next commits; commits are taken in
 * order up to the first missing one (not committed yet, or not seen yet by an emulator that reads
 * a lookup's keys one by one: either way the answer ends there, with no gap). A first commit
 * missing below the trimmed revision, or marked trimmed, means the history was compacted. A
 * commit is returned whole or not at all: one whose changes do not all come (trimmed between the
 * two lookups) ends the answer before it. So no two reads need share a snapshot. Stateless.
 */
final class FeedReader {
  /** Commits looked up at first: a watcher is usually a few commits behind. */
  static final int FIRST_COMMITS = 32;

  private FeedReader() {}

  /**
   * @param fetch looks keys up, returning each key's entity or null, in the order of the keys
   */
  static List<Change> read(String namespace, long after, int maxChanges, Layout layout, Key root,
      Function<List<Key>, List<Entity>> fetch) {
    List<Change> out = new ArrayList<>();
    long next = after + 1;
    int batch = (int) Math.min(maxChanges, FIRST_COMMITS);
    boolean first = true;
    while (out.size() < maxChanges) {
      List<Key> keys = new ArrayList<>(batch + 1);
      if (first) {
        keys.add(layout.trim(root));
      }
      for (int i = 0; i < batch; i++) {
        keys.add(layout.commit(root, next + i));
      }
      List<Entity> found = fetch.apply(keys);
      List<Entity> commits = new ArrayList<>(batch);
      for (Entity e : found.subList(first ? 1 : 0, found.size())) {
        if (e == null) {
          break;
        }
        commits.add(e);
      }
      if (first) {
        checkNotCompacted(namespace, after, found.get(0), commits);
      }
      first = false;
      int taken = takeWhole(out, maxChanges, commits, layout, fetch);
      if (taken < batch) {
        break; // at the head, past a trimmed commit, or a commit not whole
      }
      next += taken;
      batch = Math.min(CommitTransaction.MAX_LOOKUP_KEYS, batch * 2);
    }
    return out;
  }

  private static void checkNotCompacted(String namespace, long after, Entity trim, List<Entity> commits) {
    long trimmedUpTo = trim == null ? 0 : Entities.number(trim, Layout.UP_TO);
    boolean firstTrimmed = !commits.isEmpty() && Entities.flag(commits.get(0), Layout.TRIMMED);
    if (firstTrimmed || (commits.isEmpty() && trimmedUpTo > after)) {
      throw new CompactedException("namespace " + namespace + ": history up to revision "
          + Math.max(trimmedUpTo, after + 1) + " was compacted; cannot read changes after " + after);
    }
  }

  /**
   * Adds the changes of {@code commits}, whole commits in order, while {@code out} holds fewer
   * than {@code maxChanges}; stops before a trimmed commit or one whose changes did not all come.
   *
   * @return how many commits were taken
   */
  private static int takeWhole(List<Change> out, int maxChanges, List<Entity> commits, Layout layout,
      Function<List<Key>, List<Entity>> fetch) {
    List<Entity> wanted = new ArrayList<>();
    List<Key> changeKeys = new ArrayList<>();
    long planned = out.size();
    for (Entity commit : commits) {
      if (planned >= maxChanges || Entities.flag(commit, Layout.TRIMMED)) {
        break;
      }
      long count = Entities.number(commit, Layout.CHANGES);
      for (int n = 1; n <= count; n++) {
        changeKeys.add(layout.change(commit.getKey(), n));
      }
      wanted.add(commit);
      planned += count;
    }
    List<Entity> changes = changeKeys.isEmpty() ? List.of() : fetch.apply(changeKeys);
    int at = 0;
    int taken = 0;
    for (Entity commit : wanted) {
      long count = Entities.number(commit, Layout.CHANGES);
      List<Change> whole = new ArrayList<>((int) count);
      for (int n = 0; n < count; n++) {
        Entity change = changes.get(at++);
        if (change == null) {
          return taken;
        }
        whole.add(Entities.change(commit.getKey().getId(), change));
      }
      out.addAll(whole);
      taken++;
    }
    return taken;
  }
}
