package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.spi.IdRange;
import dev.cairn.spi.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Views that keep their revision from the change feed ({@link ViewSnapshot}): point reads, pages,
 * listings gathered over pages and index lookups, with commits landing between the backend's
 * answers, deterministically; and when the feed no longer holds what a view needs.
 */
class ViewSnapshotTest {
  private static final Schema<String> ITEMS = Schema.of("items", Codec.utf8());
  /** Items indexed by their value's text before the colon. */
  private static final Schema<String> TAGGED = Schema.builder("tagged", Codec.utf8())
      .index("tag", v -> List.of(v.substring(0, v.indexOf(':'))))
      .build();

  /** A test backend that runs a hook after each scan: a commit landing between two pages. */
  private static final class InterleavingBackend extends TestBackend {
    private IntConsumer afterScan = n -> {};
    private int scans;

    @Override
    public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
      ScanResult result = super.scan(namespace, collection, range, limit);
      afterScan.accept(++scans);
      return result;
    }
  }

  private static String id(int i) {
    return String.format("r%05d", i);
  }

  private static Map<String, String> seed(Store store, int records) {
    Map<String, String> state = new TreeMap<>(Ids.ORDER);
    store.batch(batch -> {
      for (int i = 0; i < records; i++) {
        String id = id(i);
        state.put(id, "v0");
        batch.update(tx -> tx.create(ITEMS, id, "v0"));
      }
    });
    return state;
  }

  private static Map<String, String> contents(List<Entry<String>> entries) {
    Map<String, String> out = new TreeMap<>(Ids.ORDER);
    entries.forEach(e -> out.put(e.id(), e.value()));
    return out;
  }

  /** Writes a1 and b1. */
  private static void seedAB(Store store) {
    store.update(tx -> {
      tx.put(ITEMS, "a", "a1");
      tx.put(ITEMS, "b", "b1");
    });
  }

  /** A view reading a, then b, with {@code between} run between the two reads of its first run. */
  private static List<String> readAThenB(Store store, AtomicInteger runs, Runnable between) {
    return store.view(tx -> {
      String a = tx.get(ITEMS, "a").orElseThrow().value();
      if (runs.incrementAndGet() == 1) {
        between.run();
      }
      return List.of(a, tx.get(ITEMS, "b").orElseThrow().value());
    });
  }

  /** With the feed whole, a view that the store moved under answers from it and runs once. */
  @Test
  void pointReadAnswersFromTheFeedAndRunsOnce() {
    try (Store store = Cairn.open(new TestBackend(), StoreOptions.defaults())) {
      seedAB(store);
      AtomicInteger runs = new AtomicInteger();
      List<String> seen = readAThenB(store, runs, () -> {
        store.update(w -> w.put(ITEMS, "b", "b2"));
        store.update(w -> w.put(ITEMS, "b", "b3"));
      });
      assertEquals(List.of("a1", "b1"), seen);
      assertEquals(1, runs.get());
    }
  }

  /**
   * With the version the view needs compacted out of the feed, the view runs again, and its
   * second run sees the store's later state whole.
   */
  @Test
  void viewRunsAgainWhenTheFeedNoLongerHoldsTheVersion() {
    TestBackend backend = new TestBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      seedAB(store);
      AtomicInteger runs = new AtomicInteger();
      List<String> seen = readAThenB(store, runs, () -> {
        long revision = store.update(w -> {
          w.put(ITEMS, "a", "a2");
          w.put(ITEMS, "b", "b2");
        });
        backend.compact(store.namespace(), revision);
      });
      assertEquals(List.of("a2", "b2"), seen);
      assertEquals(2, runs.get());
    }
  }

  /**
   * A listing of three pages, with an update, a delete and a create landing after each page,
   * is gathered into the state of its newest page's revision, where the view then reads; once.
   */
  @Test
  void listingGathersItsPagesAtTheNewestOne() {
    InterleavingBackend backend = new InterleavingBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      Map<String, String> expected = seed(store, 2_500);
      long seeded = store.revision();
      backend.afterScan = n -> {
        if (n <= 2) { // pages 1 and 2 are followed by commits the listing must show; page 3 by one it must not
          expected.put(id(10 + n), "u" + n);       // in the first page, already read
          expected.remove(id(1_500 + n));          // in the second page
          expected.put("r9" + n, "c" + n);        // past the seeded ids: the last page
        }
        String created = "r9" + n;
        store.update(tx -> {
          tx.put(ITEMS, id(10 + n), "u" + n);
          tx.delete(ITEMS, id(1_500 + n));
          tx.create(ITEMS, created, "c" + n);
        });
      };
      AtomicInteger runs = new AtomicInteger();
      long[] at = new long[1];
      Map<String, String> seen = store.view(tx -> {
        runs.incrementAndGet();
        Map<String, String> listed = contents(tx.listAll(ITEMS));
        at[0] = tx.readRevision();
        return listed;
      });
      assertEquals(1, runs.get());
      assertEquals(seeded + 2, at[0], "the view reads at its newest page's revision");
      assertEquals(expected, seen);
    }
  }

  /**
   * A view that read a record first pages through a listing while commits land after each page:
   * every page is brought back to the revision of that first read, updated records as they were,
   * deleted ones back, created ones absent, a record written twice as its older version.
   */
  @Test
  void pagesAfterTheFirstReadAreBroughtBack() {
    InterleavingBackend backend = new InterleavingBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      Map<String, String> expected = seed(store, 300);
      backend.afterScan = n -> {
        if (n > 2) {
          return;
        }
        int next = 100 * n + 5; // a record in the next page
        store.update(tx -> {
          tx.put(ITEMS, id(next), "u" + n);
          tx.delete(ITEMS, id(next + 1));
          tx.create(ITEMS, id(next) + "-new", "c" + n);
        });
        store.update(tx -> tx.put(ITEMS, id(next), "again" + n));
      };
      AtomicInteger runs = new AtomicInteger();
      Map<String, String> seen = store.view(tx -> {
        runs.incrementAndGet();
        tx.get(ITEMS, id(0));
        long first = tx.readRevision();
        Map<String, String> listed = new TreeMap<>(Ids.ORDER);
        ListOptions options = ListOptions.all().limit(100);
        while (true) {
          Page<String> page = tx.list(ITEMS, options);
          page.items().forEach(e -> listed.put(e.id(), e.value()));
          assertTrue(page.items().stream().allMatch(e -> e.modRevision() <= tx.readRevision()), "no later version");
          if (page.nextCursor().isEmpty()) {
            assertEquals(first, tx.readRevision(), "the view kept its first read's revision");
            return listed;
          }
          options = options.after(page.nextCursor().get());
        }
      });
      assertEquals(1, runs.get());
      assertEquals(expected, seen);
    }
  }

  /** An index lookup after the store moved on finds the records that held the key at the view's revision. */
  @Test
  void lookupIsBroughtBack() {
    try (Store store = Cairn.open(new TestBackend(), StoreOptions.defaults())) {
      store.update(tx -> {
        tx.put(TAGGED, "in", "red:1");
        tx.put(TAGGED, "out", "blue:1");
        tx.put(TAGGED, "stays", "red:1");
      });
      AtomicInteger runs = new AtomicInteger();
      List<String> seen = store.view(tx -> {
        runs.incrementAndGet();
        tx.get(TAGGED, "stays");
        store.update(w -> {
          w.put(TAGGED, "in", "blue:2");
          w.put(TAGGED, "out", "red:2");
          w.put(TAGGED, "born", "red:2");
        });
        List<String> found = new ArrayList<>();
        tx.find(TAGGED, By.exact("tag", "red")).forEach(e -> found.add(e.id() + "=" + e.value()));
        return found;
      });
      assertEquals(1, runs.get());
      assertEquals(List.of("in=red:1", "stays=red:1"), seen);
    }
  }

  /** A view that needs compacted history on every attempt fails with CompactedException naming the revision. */
  @Test
  void viewWithoutHistoryOnEveryAttemptReportsTheCompaction() {
    TestBackend backend = new TestBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults().withRetries(2, Duration.ZERO, Duration.ZERO))) {
      store.update(tx -> tx.put(ITEMS, "a", "a0"));
      CompactedException e = assertThrows(CompactedException.class, () -> store.view(tx -> {
        tx.get(ITEMS, "a");
        store.compact(store.update(w -> w.put(ITEMS, "b", "b")));
        return tx.get(ITEMS, "b");
      }));
      assertTrue(e.getMessage().contains("no longer holds revision 3"), e.getMessage());
      assertTrue(e.getMessage().contains("keep a longer history"), e.getMessage());
    }
  }
}
