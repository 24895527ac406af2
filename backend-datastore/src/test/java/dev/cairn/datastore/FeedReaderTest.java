package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import dev.cairn.ChangeType;
import dev.cairn.CompactedException;
import dev.cairn.spi.Change;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the feed by key into whole commits, without a common snapshot. */
class FeedReaderTest {
  private static final Layout LAYOUT = new Layout("p", null, "cairn");
  private static final Key ROOT = LAYOUT.root("ns");

  private final List<Entity> commits = new ArrayList<>();
  private final List<Entity> changes = new ArrayList<>();
  private long trimmedUpTo;
  private int lookups;

  /** Adds commit {@code revision} with {@code count} changes, its entities in both query results. */
  private FeedReaderTest commit(long revision, int count) {
    Key key = LAYOUT.commit(ROOT, revision);
    commits.add(Entities.commit(key, "t" + revision, count));
    for (int n = 1; n <= count; n++) {
      String id = "r" + revision + "-" + n;
      changes.add(Entities.change(LAYOUT.change(key, n), new Change(revision, ChangeType.CREATE, "c", id,
          id.getBytes(StandardCharsets.UTF_8), revision, 0, Map.of())));
    }
    return this;
  }

  /** Reads as the backend does, by key, from the entities added; counts the lookups. */
  private List<Change> read(long after, int maxChanges) {
    Map<Key, Entity> stored = new HashMap<>();
    for (Entity e : commits) {
      stored.put(e.getKey(), e);
    }
    for (Entity e : changes) {
      stored.put(e.getKey(), e);
    }
    if (trimmedUpTo > 0) {
      Key trim = LAYOUT.trim(ROOT);
      stored.put(trim, Entity.newBuilder(trim).set(Layout.UP_TO, trimmedUpTo).build());
    }
    return FeedReader.read("ns", after, maxChanges, LAYOUT, ROOT, keys -> {
      lookups++;
      List<Entity> found = new ArrayList<>();
      keys.forEach(k -> found.add(stored.get(k)));
      return found;
    });
  }

  private static List<String> ids(List<Change> changes) {
    return changes.stream().map(c -> c.revision() + ":" + c.id()).toList();
  }

  @Test
  void joinsEachCommitWithItsChangesInOrder() {
    commit(1, 2).commit(2, 0).commit(3, 1);
    assertEquals(List.of("1:r1-1", "1:r1-2", "3:r3-1"), ids(read(0, 100)));
    assertEquals(List.of("3:r3-1"), ids(read(2, 100)), "a reader after 2 starts at 3");
  }

  @Test
  void returnsWholeCommitsEvenPastTheLimit() {
    commit(1, 3).commit(2, 3);
    assertEquals(3, read(0, 1).size(), "the first commit whole, though over the limit");
    assertEquals(6, read(0, 4).size(), "a commit begun under the limit is taken whole");
  }

  @Test
  void endsBeforeACommitWhoseChangesDidNotAllCome() {
    commit(1, 1).commit(2, 2).commit(3, 1);
    changes.remove(2); // commit 2's second change, trimmed after the commit query ran
    assertEquals(List.of("1:r1-1"), ids(read(0, 100)));
  }

  @Test
  void endsBeforeATrimmedCommitAfterTheFirst() {
    commit(1, 1).commit(2, 1);
    commits.set(1, Entities.trimmedCommit(commits.get(1)));
    assertEquals(List.of("1:r1-1"), ids(read(0, 100)));
  }

  @Test
  void reportsCompactionWhenTheFirstCommitIsMissingOrTrimmed() {
    commit(5, 1).commit(6, 1);
    trimmedUpTo = 4; // commits 3 and 4 trimmed, then deleted
    CompactedException gone = assertThrows(CompactedException.class, () -> read(2, 100));
    assertTrue(gone.getMessage().contains("history up to revision 4 was compacted"), gone.getMessage());
    commits.set(0, Entities.trimmedCommit(commits.get(0)));
    CompactedException trimmed = assertThrows(CompactedException.class, () -> read(4, 100));
    assertTrue(trimmed.getMessage().contains("history up to revision 5 was compacted"), trimmed.getMessage());
  }

  @Test
  void aMissingCommitAboveTheTrimmedRevisionIsNotCommittedYet() {
    commit(1, 1).commit(2, 1).commit(4, 1); // 3 not seen: a lookup that read its keys one by one
    assertEquals(List.of("1:r1-1", "2:r2-1"), ids(read(0, 100)), "no gap: the answer ends before 3");
    assertEquals(List.of(), read(2, 100), "nothing after 2 yet");
  }

  @Test
  void readsLongHistoriesInGrowingLookups() {
    for (int r = 1; r <= 100; r++) {
      commit(r, 2);
    }
    assertEquals(200, read(0, 1000).size());
    assertEquals(6, lookups, "trim and 32 commits, their changes; 64 commits, their changes; 128, theirs");
    lookups = 0;
    assertEquals(10, read(0, 10).size(), "whole commits up to the limit");
    assertEquals(2, lookups, "a small limit looks up few commits");
  }

  @Test
  void readsNothingPastTheHead() {
    commit(1, 1);
    assertEquals(List.of(), read(1, 100));
  }
}
