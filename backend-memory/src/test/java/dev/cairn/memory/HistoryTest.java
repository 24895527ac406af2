package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.ChangeType;
import dev.cairn.spi.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring of per-revision changes keeps revisions in order across growth and wrap-around. */
class HistoryTest {

  private static List<Change> changes(long revision, int count) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Change(revision, ChangeType.CREATE, "c", revision + "-" + i, new byte[0], revision, 0));
    }
    return out;
  }

  private static List<Long> revisionsAfter(History history, long after, int max) {
    List<Change> out = new ArrayList<>();
    history.collectAfter(after, max, out);
    return out.stream().map(Change::revision).toList();
  }

  /** Appending past the initial capacity while dropping from the front keeps every revision in order. */
  @Test
  void keepsOrderAcrossGrowthAndWrapAround() {
    History history = new History();
    long next = 1;
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 13; i++) {
        history.append(next, changes(next, 1));
        next++;
      }
      for (int i = 0; i < 7; i++) {
        history.dropOldest();
      }
    }
    long oldest = next - history.size();
    assertEquals(30, history.size());
    List<Long> expected = new ArrayList<>();
    for (long r = oldest; r < next; r++) {
      expected.add(r);
    }
    assertEquals(expected, revisionsAfter(history, 0, Integer.MAX_VALUE));
    assertEquals(expected.subList(10, 30), revisionsAfter(history, oldest + 9, Integer.MAX_VALUE));
    assertEquals(List.of(), revisionsAfter(history, next - 1, Integer.MAX_VALUE));
  }

  /** Collection stops after the revision that reaches the maximum, never splitting a revision. */
  @Test
  void collectStopsAtWholeRevisions() {
    History history = new History();
    for (long r = 1; r <= 4; r++) {
      history.append(r, changes(r, 3));
    }
    assertEquals(List.of(2L, 2L, 2L, 3L, 3L, 3L), revisionsAfter(history, 1, 4));
  }

  /** Dropping through a revision removes it and everything older; dropping past the newest empties. */
  @Test
  void dropThroughAndClear() {
    History history = new History();
    for (long r = 5; r <= 9; r++) {
      history.append(r, changes(r, 1));
    }
    history.dropThrough(6);
    assertEquals(List.of(7L, 8L, 9L), revisionsAfter(history, 0, 10));
    assertEquals(7, history.dropOldest());
    history.dropThrough(100);
    assertEquals(0, history.size());
    history.append(42, changes(42, 1));
    assertEquals(List.of(42L), revisionsAfter(history, 0, 10));
    history.clear();
    assertEquals(0, history.size());
  }

  /** A revision that does not follow the newest is a bug in the caller and is refused. */
  @Test
  void refusesAGap() {
    History history = new History();
    history.append(1, changes(1, 1));
    assertThrows(IllegalStateException.class, () -> history.append(3, changes(3, 1)));
  }
}
