package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.spi.Change;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed after a view's revision: read as far as asked, versions found, bounds and compaction reported. */
class FeedWindowTest {
  private static final Schema<String> ITEMS = Schema.of("items", Codec.utf8());
  private static final String NS = "default";

  /**
   * Ten commits of a and b after revision 1; returns the backend, left open (closing the store
   * would close it; it holds no thread or file).
   */
  private static TestBackend tenCommits() {
    TestBackend backend = new TestBackend();
    Store store = Cairn.open(backend, StoreOptions.defaults());
    store.update(tx -> tx.put(ITEMS, "a", "a0"));
    for (int i = 1; i <= 10; i++) {
      String id = i % 2 == 0 ? "a" : "b";
      String v = "v" + i;
      store.update(tx -> tx.put(ITEMS, id, v));
    }
    return backend;
  }

  /** The window holds exactly the changes after its start, through what was asked. */
  @Test
  void returnsTheChangesAfterItsStartThroughTheRevisionAsked() {
    FeedWindow window = new FeedWindow(tenCommits(), NS);
    window.startAt(3);
    List<Change> changes = window.through(7);
    assertEquals(List.of(4L, 5L, 6L, 7L), changes.stream().map(Change::revision).toList());
    assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L),
        window.through(11).stream().map(Change::revision).toList());
  }

  /** The version a record's first later write replaced comes from the feed; none for a create. */
  @Test
  void findsTheVersionAFirstWriteReplaced() {
    FeedWindow window = new FeedWindow(tenCommits(), NS);
    window.startAt(4);
    Change firstOfA = window.through(11).stream().filter(c -> c.id().equals("a")).findFirst().orElseThrow();
    assertEquals(5, firstOfA.revision());
    Change was = window.versionBefore(firstOfA);
    assertEquals(3, was.revision(), "a was last written at revision 3, before the window");
    assertEquals("v2", new String(was.value(), StandardCharsets.UTF_8));
    Change firstOfB = window.through(11).stream().filter(c -> c.id().equals("b")).findFirst().orElseThrow();
    window.startAt(0);
    Change createOfB = window.through(2).stream().filter(c -> c.id().equals("b")).findFirst().orElseThrow();
    assertNull(window.versionBefore(createOfB), "b did not exist before its create");
    assertEquals(6, firstOfB.revision());
  }

  /** Past its bound the window gives up, saying so, and it is not a compaction. */
  @Test
  void boundedInChanges() {
    FeedWindow window = new FeedWindow(tenCommits(), NS, 5, Long.MAX_VALUE);
    window.startAt(1);
    RetrySignal signal = assertThrows(RetrySignal.class, () -> window.through(11));
    assertTrue(signal.getMessage().contains("more than 5 changes"), signal.getMessage());
    assertFalse(signal.compacted());
  }

  /** Compacted history is reported as such, naming the revision the view needed. */
  @Test
  void compactedHistoryIsNamed() {
    TestBackend backend = tenCommits();
    backend.compact(NS, 6);
    FeedWindow window = new FeedWindow(backend, NS);
    window.startAt(4);
    RetrySignal signal = assertThrows(RetrySignal.class, () -> window.through(8));
    assertTrue(signal.compacted());
    assertTrue(signal.getMessage().contains("no longer holds revision 5"), signal.getMessage());
  }
}
