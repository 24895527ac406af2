package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing by id range and prefix, with cursors and page sizes. */
public interface ListingTck extends TckArea {

  private void create(String... ids) {
    store().update(tx -> {
      for (String id : ids) {
        tx.create(Task.PLAIN, id, id);
      }
    });
  }

  /** Reads every page of a listing. */
  private List<String> allPages(ListOptions options, List<Integer> pageSizes) {
    List<String> out = new ArrayList<>();
    ListOptions next = options;
    for (int guard = 0; guard < 10_000; guard++) {
      ListOptions current = next;
      Page<String> page = store().view(tx -> tx.list(Task.PLAIN, current));
      pageSizes.add(page.items().size());
      out.addAll(ids(page.items()));
      if (page.nextCursor().isEmpty()) {
        return out;
      }
      next = current.after(page.nextCursor().get());
    }
    throw new AssertionError("listing never ended");
  }

  /** Sorts ids by code point, the order every backend lists in. */
  private static List<String> byCodePoint(List<String> ids) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort((a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    return sorted;
  }

  /** Listing returns ids in code-point order, including beyond the basic plane. */
  @Test
  default void listsInCodePointOrder() {
    List<String> ids = List.of("b", "a", "B", "é", "😀", "\uFFFD", "ab", "a0", "Z", "~", "日本");
    create(ids.toArray(new String[0]));
    assertEquals(byCodePoint(ids), ids(store().view(tx -> tx.listAll(Task.PLAIN))));
  }

  /** A prefix lists only ids starting with it. */
  @Test
  default void prefixListing() {
    create("a", "a1", "a2", "ab", "b", "b1", "`", "a\uFFFF");
    assertEquals(List.of("a", "a1", "a2", "ab", "a\uFFFF"),
        ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix("a")).items())));
    assertEquals(List.of("b", "b1"), ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix("b")).items())));
    assertTrue(store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix("c")).items()).isEmpty());
  }

  /** A range lists from its start (inclusive) to its end (exclusive). */
  @Test
  default void rangeListing() {
    create("a", "b", "c", "d", "e");
    assertEquals(List.of("b", "c"), ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("b", "d")).items())));
    assertEquals(List.of("d", "e"), ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("d", null)).items())));
    assertEquals(List.of("a"), ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range(null, "b")).items())));
    assertTrue(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("c", "c")).items()).isEmpty());
  }

  /** Every page size collects every record exactly once, in order. */
  @Test
  default void everyPageSizeCollectsEverything() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(String.format("k%02d", i));
    }
    create(expected.toArray(new String[0]));
    for (int size = 1; size <= 7; size++) {
      List<Integer> sizes = new ArrayList<>();
      assertEquals(expected, allPages(ListOptions.all().limit(size), sizes), "page size " + size);
      for (int s : sizes) {
        assertTrue(s <= size, "a page holds at most its size");
      }
    }
  }

  /** Pages that fill exactly at the end of the range neither skip nor repeat. */
  @Test
  default void pageFillingExactlyAtTheEnd() {
    create("p1", "p2", "p3", "p4", "q1");
    List<Integer> sizes = new ArrayList<>();
    assertEquals(List.of("p1", "p2", "p3", "p4"), allPages(ListOptions.prefix("p").limit(2), sizes));
    assertTrue(sizes.size() <= 3, "at most one empty closing page: " + sizes);
    sizes.clear();
    assertEquals(List.of("p1", "p2", "p3", "p4"), allPages(ListOptions.prefix("p").limit(4), sizes));
  }

  /** A cursor stays valid when records before it are deleted and new ones are inserted after it. */
  @Test
  default void cursorSurvivesChanges() {
    create("a", "b", "c", "d", "e", "f");
    Page<String> first = store().view(tx -> tx.list(Task.PLAIN, ListOptions.all().limit(3)));
    assertEquals(List.of("a", "b", "c"), ids(first.items()));
    store().update(tx -> {
      tx.delete(Task.PLAIN, "a");
      tx.delete(Task.PLAIN, "c");
      tx.create(Task.PLAIN, "cc", "cc");
      tx.create(Task.PLAIN, "0", "0");
    });
    String cursor = first.nextCursor().orElseThrow();
    Page<String> second = store().view(tx -> tx.list(Task.PLAIN, ListOptions.all().limit(10).after(cursor)));
    assertEquals(List.of("cc", "d", "e", "f"), ids(second.items()));
    assertTrue(second.nextCursor().isEmpty());
  }

  /** listAll reads past one page. */
  @Test
  default void listAllReadsManyPages() {
    store().batch(batch -> {
      for (int i = 0; i < 2500; i++) {
        String id = String.format("n%05d", i);
        batch.update(tx -> tx.create(Task.PLAIN, id, id));
      }
    });
    List<Entry<String>> all = store().view(tx -> tx.listAll(Task.PLAIN));
    assertEquals(2500, all.size());
    assertEquals("n00000", all.get(0).id());
    assertEquals("n02499", all.get(2499).id());
  }

  /** A listing inside an update sees its own creates and not its own deletes, page by page. */
  @Test
  default void listingSeesOwnWrites() {
    create("b", "d", "f");
    store().update(tx -> {
      tx.create(Task.PLAIN, "a", "a");
      tx.create(Task.PLAIN, "e", "e");
      tx.delete(Task.PLAIN, "d");
      assertEquals(List.of("a", "b", "e", "f"), ids(tx.listAll(Task.PLAIN)));
      Page<String> first = tx.list(Task.PLAIN, ListOptions.all().limit(2));
      assertEquals(List.of("a", "b"), ids(first.items()));
      Page<String> rest = tx.list(Task.PLAIN, ListOptions.all().limit(2).after(first.nextCursor().orElseThrow()));
      List<String> tail = new ArrayList<>(ids(rest.items()));
      if (rest.nextCursor().isPresent()) {
        tail.addAll(ids(tx.list(Task.PLAIN, ListOptions.all().after(rest.nextCursor().get())).items()));
      }
      assertEquals(List.of("e", "f"), tail);
    });
  }

  /** Listing an empty collection gives an empty last page. */
  @Test
  default void emptyCollection() {
    Page<String> page = store().view(tx -> tx.list(Task.PLAIN, ListOptions.all()));
    assertTrue(page.items().isEmpty());
    assertTrue(page.nextCursor().isEmpty());
  }

  /** Entries listed carry their revisions. */
  @Test
  default void listedEntriesCarryRevisions() {
    long r1 = store().update(tx -> tx.create(Task.PLAIN, "x", "1"));
    long r2 = store().update(tx -> tx.update(Task.PLAIN, "x", "2"));
    Entry<String> e = store().view(tx -> tx.listAll(Task.PLAIN)).get(0);
    assertEquals(r1, e.createRevision());
    assertEquals(r2, e.modRevision());
    assertEquals("2", e.value());
  }

  /** A prefix ending in the largest code point still lists correctly. */
  @Test
  default void prefixAtTheTopOfUnicode() {
    String top = new String(Character.toChars(Character.MAX_CODE_POINT));
    create("x" + top, "x" + top + "a", "y");
    assertEquals(List.of("x" + top, "x" + top + "a"),
        ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix("x" + top)).items())));
  }
}
