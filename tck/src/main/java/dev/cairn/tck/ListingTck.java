package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import dev.cairn.ReadTransaction;
import dev.cairn.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Listing by id range and prefix, in code-point order, with cursors and page sizes. */
public interface ListingTck extends TckArea {

  /** Code-point order, computed here independently of the api's own comparator. */
  Comparator<String> CODE_POINT_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  /** More pages than any test here needs: a listing that goes on longer is looping. */
  int MAX_PAGES = 10_000;

  /** Ids across every range of Unicode whose UTF-16 order differs from their code-point order. */
  List<String> MIXED_IDS = List.of("a", "B", "b", "Z", "aa", "a b", "0", "~", "é", "ê", "\u00FF", "\u0100",
      "中", "\uE000", "\uFFFD", "\uFFFF", "😀", "𝄞", "\uD800\uDC00", "\uDBFF\uDFFF", "a\uFFFF", "a😀", "a\uE000");

  /** Creates {@code ids} in a shuffled order (order of writing must not matter), values equal to ids. */
  private void createAll(Schema<String> schema, List<String> ids) {
    List<String> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new Random(ids.size()));
    store().update(tx -> shuffled.forEach(id -> tx.create(schema, id, id)));
  }

  /** Returns {@code ids} filtered and sorted by code point. */
  private static List<String> expected(List<String> ids, Predicate<String> keep) {
    return ids.stream().filter(keep).sorted(CODE_POINT_ORDER).collect(Collectors.toList());
  }

  private static <T> List<String> ids(List<Entry<T>> entries) {
    return entries.stream().map(Entry::id).collect(Collectors.toList());
  }

  /** Reads every page of {@code first} through {@code reader}, each page checked against the limit. */
  private static <T> List<Page<T>> pages(Function<ListOptions, Page<T>> reader, ListOptions first) {
    List<Page<T>> pages = new ArrayList<>();
    ListOptions options = first;
    while (true) {
      Page<T> page = reader.apply(options);
      assertTrue(page.items().size() <= first.limit(), "page of " + page.items().size() + " over limit " + first.limit());
      pages.add(page);
      Optional<String> next = page.nextCursor();
      if (next.isEmpty()) {
        return pages;
      }
      assertTrue(pages.size() < MAX_PAGES, "listing does not end: " + pages.size() + " pages");
      options = first.after(next.get());
    }
  }

  /** Returns the ids of every page, in the order listed. */
  private static <T> List<String> idsOf(List<Page<T>> pages) {
    return pages.stream().flatMap(p -> p.items().stream()).map(Entry::id).collect(Collectors.toList());
  }

  /** Reads every page, each in its own view, and returns the ids in the order listed. */
  private List<String> pagedIds(Schema<String> schema, ListOptions first) {
    return idsOf(pages(o -> store().view(tx -> tx.list(schema, o)), first));
  }

  /** Lists inside one transaction, every page. */
  private static List<String> pagedIds(ReadTransaction tx, Schema<String> schema, ListOptions first) {
    return idsOf(pages(o -> tx.list(schema, o), first));
  }

  /** Ids list in code-point order (not UTF-16 order), whatever order they were written in. */
  @Test
  default void listsInCodePointOrder() {
    createAll(Task.PLAIN, MIXED_IDS);
    List<String> want = expected(MIXED_IDS, id -> true);
    assertNotEquals(MIXED_IDS.stream().sorted().collect(Collectors.toList()), want,
        "the ids must tell code-point order from UTF-16 order");
    assertEquals(want, ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.all())).items()));
    assertEquals(want, ids(store().view(tx -> tx.listAll(Task.PLAIN))));
    assertEquals(want, pagedIds(Task.PLAIN, ListOptions.all().limit(3)));
  }

  /** A prefix lists exactly the ids that start with it: "a" never lists "b" nor "`", "é" never "ê". */
  @Test
  default void prefixListsExactlyTheIdsStartingWithIt() {
    List<String> all = new ArrayList<>(MIXED_IDS);
    all.addAll(List.of("`", "a1", "ab", "abc", "abd", "ac", "ba", "A", "é1", "éa", "\uFFFFa", "😀x",
        "x\uDBFF\uDFFF", "x\uDBFF\uDFFFz", "y", "x"));
    createAll(Task.PLAIN, all);
    for (String prefix : List.of("a", "ab", "abc", "abz", "b", "B", "é", "\uFFFF", "😀", "\uD800\uDC00",
        "x\uDBFF\uDFFF", "x", "`", "0", "q")) {
      List<String> want = expected(all, id -> id.startsWith(prefix));
      assertEquals(want, ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix(prefix))).items()),
          "prefix " + prefix);
      assertEquals(want, pagedIds(Task.PLAIN, ListOptions.prefix(prefix).limit(2)), "paged prefix " + prefix);
    }
  }

  /** A range lists from its start (included) to its end (excluded); bounds need not be ids. */
  @Test
  default void rangeIsHalfOpen() {
    List<String> all = IntStream.range(0, 20).mapToObj(i -> String.format("r%02d", i)).collect(Collectors.toList());
    all.addAll(List.of("q", "r", "s", "r05x"));
    createAll(Task.PLAIN, all);
    String[][] ranges = {{"r05", "r10"}, {null, "r03"}, {"r17", null}, {"r05", "r05"}, {"r05y", "r07x"},
        {"r", "s"}, {"q", "r"}, {null, null}};
    for (String[] r : ranges) {
      String from = r[0];
      String to = r[1];
      List<String> want = expected(all, id -> (from == null || CODE_POINT_ORDER.compare(id, from) >= 0)
          && (to == null || CODE_POINT_ORDER.compare(id, to) < 0));
      String label = "[" + from + ", " + to + ")";
      assertEquals(want, ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range(from, to))).items()), label);
      assertEquals(want, pagedIds(Task.PLAIN, ListOptions.range(from, to).limit(3)), "paged " + label);
    }
    assertEquals(List.of("r05", "r05x", "r06", "r07", "r08", "r09"),
        ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("r05", "r10"))).items()));
  }

  /** Paging with every page size from 1 to 7 over 20 records lists each exactly once, in order. */
  @Test
  default void pagingListsEveryRecordOnceForEveryPageSize() {
    List<String> all = IntStream.range(0, 20).mapToObj(i -> "p" + (char) ('a' + i)).collect(Collectors.toList());
    createAll(Task.PLAIN, all);
    for (int limit = 1; limit <= 7; limit++) {
      int size = limit;
      List<Page<String>> pages = pages(o -> store().view(tx -> tx.list(Task.PLAIN, o)), ListOptions.all().limit(size));
      assertEquals(all, idsOf(pages), "page size " + size);
      int fullPages = (all.size() + size - 1) / size;
      assertTrue(pages.size() <= fullPages + 1, pages.size() + " pages of " + size + " for " + all.size() + " records");
    }
  }

  /** The page size may change from page to page, within a prefix or a range, and nothing is lost. */
  @Test
  default void pageSizeMayChangeBetweenPages() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      all.add("m" + (char) ('a' + i));
      all.add("n" + (char) ('a' + i));
    }
    createAll(Task.PLAIN, all);
    List<ListOptions> listings = List.of(ListOptions.prefix("m"), ListOptions.range("mc", "nc"), ListOptions.all());
    List<Predicate<String>> selections = List.of(id -> id.startsWith("m"),
        id -> id.compareTo("mc") >= 0 && id.compareTo("nc") < 0, id -> true);
    for (int k = 0; k < listings.size(); k++) {
      ListOptions first = listings.get(k);
      List<String> listed = new ArrayList<>();
      ListOptions options = first.limit(1);
      for (int page = 1; page < MAX_PAGES; page++) {
        ListOptions current = options;
        Page<String> read = store().view(tx -> tx.list(Task.PLAIN, current));
        assertTrue(read.items().size() <= current.limit());
        listed.addAll(ids(read.items()));
        if (read.nextCursor().isEmpty()) {
          break;
        }
        options = first.limit(page % 4 + 1).after(read.nextCursor().get());
      }
      assertEquals(expected(all, selections.get(k)), listed, first.toString());
    }
  }

  /** A cursor still works after the records before it, itself included, were deleted. */
  @Test
  default void cursorSurvivesDeletionOfRecordsBeforeIt() {
    List<String> all = IntStream.range(0, 10).mapToObj(i -> "k" + i).collect(Collectors.toList());
    createAll(Task.PLAIN, all);
    Page<String> first = store().view(tx -> tx.list(Task.PLAIN, ListOptions.all().limit(4)));
    assertEquals(all.subList(0, 4), ids(first.items()));
    String cursor = first.nextCursor().orElseThrow();
    // Delete the whole first page (the record the cursor came from included) and the next record.
    store().update(tx -> all.subList(0, 5).forEach(id -> tx.delete(Task.PLAIN, id)));
    List<Page<String>> rest = pages(o -> store().view(tx -> tx.list(Task.PLAIN, o)),
        ListOptions.all().limit(4).after(cursor));
    assertEquals(all.subList(5, 10), idsOf(rest));
  }

  /** A cursor lists records inserted after it, and not those inserted before it. */
  @Test
  default void cursorSeesRecordsInsertedAfterItOnly() {
    List<String> all = IntStream.range(0, 10).mapToObj(i -> "k" + (2 * i)).collect(Collectors.toList());
    createAll(Task.PLAIN, all);
    Page<String> first = store().view(tx -> tx.list(Task.PLAIN, ListOptions.prefix("k").limit(3)));
    assertEquals(List.of("k0", "k10", "k12"), ids(first.items()));
    store().update(tx -> {
      tx.create(Task.PLAIN, "k1", "before the cursor");
      tx.create(Task.PLAIN, "k11", "before the cursor");
      tx.create(Task.PLAIN, "k13", "just after the cursor");
      tx.create(Task.PLAIN, "k99", "at the end");
      tx.create(Task.PLAIN, "l", "outside the prefix");
    });
    List<String> rest = pagedIds(Task.PLAIN, ListOptions.prefix("k").limit(3).after(first.nextCursor().orElseThrow()));
    assertEquals(List.of("k13", "k14", "k16", "k18", "k2", "k4", "k6", "k8", "k99"), rest);
  }

  /** listAll reads past the default page: 2,500 records, all in order, and list pages by 1,000. */
  @Test
  default void listAllReadsEveryPage() {
    int count = 2500;
    List<String> all = IntStream.range(0, count).mapToObj(i -> String.format("n%05d", i)).collect(Collectors.toList());
    List<String> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(count));
    store().batch(batch -> shuffled.forEach(id -> batch.update(tx -> tx.create(Task.PLAIN, id, "v" + id))));
    List<Entry<String>> listed = store().view(tx -> tx.listAll(Task.PLAIN));
    assertEquals(all, ids(listed));
    listed.forEach(e -> assertEquals("v" + e.id(), e.value()));
    Page<String> firstPage = store().view(tx -> tx.list(Task.PLAIN, ListOptions.all()));
    assertEquals(all.subList(0, ListOptions.DEFAULT_LIMIT), ids(firstPage.items()));
    assertTrue(firstPage.nextCursor().isPresent(), "a full default page of a longer listing has a next cursor");
    assertEquals(all, pagedIds(Task.PLAIN, ListOptions.all().limit(ListOptions.MAX_LIMIT)));
  }

  /** Inside an update, listing sees the transaction's own creates and updates, not its own deletes. */
  @Test
  default void listInsideUpdateSeesItsOwnWrites() {
    List<String> committed = List.of("x1", "x2", "x3", "x4", "x5", "x6");
    long revision = store().update(tx -> committed.forEach(id -> tx.create(Task.PLAIN, id, "c")));
    List<String> want = List.of("x1", "x3", "x3a", "x4", "x6", "x9");
    store().update(tx -> {
      tx.create(Task.PLAIN, "x3a", "new");
      tx.create(Task.PLAIN, "x9", "new");
      tx.create(Task.PLAIN, "x7", "new");
      tx.delete(Task.PLAIN, "x7");
      tx.create(Task.PLAIN, "y", "outside the prefix");
      tx.delete(Task.PLAIN, "x2");
      tx.delete(Task.PLAIN, "x5");
      tx.update(Task.PLAIN, "x4", "updated");
      tx.put(Task.PLAIN, "x6", "put");
      assertEquals(List.of(
          new Entry<>("x1", "c", revision, revision),
          new Entry<>("x3", "c", revision, revision),
          new Entry<>("x3a", "new", Entry.PENDING, Entry.PENDING),
          new Entry<>("x4", "updated", revision, Entry.PENDING),
          new Entry<>("x6", "put", revision, Entry.PENDING),
          new Entry<>("x9", "new", Entry.PENDING, Entry.PENDING)),
          tx.list(Task.PLAIN, ListOptions.prefix("x")).items());
      assertEquals(want, pagedIds(tx, Task.PLAIN, ListOptions.prefix("x")));
      for (int limit = 1; limit <= 4; limit++) {
        assertEquals(want, pagedIds(tx, Task.PLAIN, ListOptions.prefix("x").limit(limit)), "page size " + limit);
      }
      assertEquals(List.of("x3", "x3a", "x4"), pagedIds(tx, Task.PLAIN, ListOptions.range("x2", "x5").limit(2)));
      List<String> everything = new ArrayList<>(want);
      everything.add("y");
      assertEquals(everything, ids(tx.listAll(Task.PLAIN)));
    });
    assertEquals(want, pagedIds(Task.PLAIN, ListOptions.prefix("x").limit(2)), "what committed lists the same");
  }

  /**
   * When the last page fills exactly, nothing is missing or repeated, and the listing ends: the
   * page has no next cursor, or the next page is empty and has none.
   */
  @Test
  default void pageFillingExactlyAtTheEndEndsTheListing() {
    List<String> inRange = List.of("f1", "f2", "f3", "f4", "f5", "f6");
    List<String> all = new ArrayList<>(inRange);
    all.addAll(List.of("e9", "g0", "g1"));
    createAll(Task.PLAIN, all);
    Schema<String> exact = Schema.of("exact", Codec.utf8());
    createAll(exact, inRange);
    List<Function<Integer, List<Page<String>>>> listings = List.of(
        size -> pages(o -> store().view(tx -> tx.list(Task.PLAIN, o)), ListOptions.range("f", "g").limit(size)),
        size -> pages(o -> store().view(tx -> tx.list(Task.PLAIN, o)), ListOptions.prefix("f").limit(size)),
        size -> pages(o -> store().view(tx -> tx.list(exact, o)), ListOptions.all().limit(size)));
    for (int size : new int[] {1, 2, 3, 6}) {
      for (Function<Integer, List<Page<String>>> listing : listings) {
        List<Page<String>> pages = listing.apply(size);
        assertEquals(inRange, idsOf(pages));
        int full = inRange.size() / size;
        Page<String> last = pages.get(pages.size() - 1);
        boolean endsOnFullPage = pages.size() == full;
        boolean endsOnEmptyPage = pages.size() == full + 1 && last.items().isEmpty();
        assertTrue(endsOnFullPage || endsOnEmptyPage, pages.size() + " pages of " + size + ": " + pages);
      }
    }
  }

  /** A collection never written, or a range or prefix holding nothing, lists one empty last page. */
  @Test
  default void emptyListingsHaveNoCursor() {
    store().update(tx -> tx.create(Task.PLAIN, "m", "v"));
    for (ListOptions options : List.of(ListOptions.prefix("n"), ListOptions.range("a", "m"),
        ListOptions.range("m\u0001", null), ListOptions.prefix("mm"))) {
      Page<String> page = store().view(tx -> tx.list(Task.PLAIN, options));
      assertTrue(page.items().isEmpty(), options.toString());
      assertTrue(page.nextCursor().isEmpty(), options.toString());
    }
    Page<Task> never = store().view(tx -> tx.list(Task.TASKS, ListOptions.all()));
    assertTrue(never.items().isEmpty());
    assertTrue(never.nextCursor().isEmpty());
    assertTrue(store().view(tx -> tx.listAll(Task.TASKS)).isEmpty());
  }

  /** Listed entries carry the same value and revisions as reading each by id. */
  @Test
  default void listedEntriesMatchReadsById() {
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.on("one", "n1").withLabels("a", "b"));
      tx.create(Task.TASKS, "t2", Task.on("two", "n2"));
      tx.create(Task.TASKS, "t3", Task.named("three"));
    });
    store().update(tx -> tx.update(Task.TASKS, "t2", Task.on("two", "n3").withCounter(7)));
    store().update(tx -> tx.delete(Task.TASKS, "t3"));
    store().view(tx -> {
      List<Entry<Task>> listed = tx.listAll(Task.TASKS);
      assertEquals(List.of("t1", "t2"), ids(listed));
      for (Entry<Task> e : listed) {
        assertEquals(tx.get(Task.TASKS, e.id()).orElseThrow(), e);
      }
      assertTrue(listed.get(0).modRevision() < listed.get(1).modRevision());
      assertEquals(listed.get(0).createRevision(), listed.get(1).createRevision());
      return null;
    });
  }
}
