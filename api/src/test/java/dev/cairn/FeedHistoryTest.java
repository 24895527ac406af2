package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Views that read the version at their revision from the change feed, and when they cannot. */
class FeedHistoryTest {
  private static final Schema<String> ITEMS = Schema.of("items", Codec.utf8());

  /** With the feed whole, a view that the store moved under answers from it and runs once. */
  @Test
  void viewAnswersFromTheFeedAndRunsOnce() {
    try (Store store = Cairn.open(new TestBackend(), StoreOptions.defaults())) {
      store.update(tx -> {
        tx.put(ITEMS, "a", "a1");
        tx.put(ITEMS, "b", "b1");
      });
      AtomicInteger runs = new AtomicInteger();
      List<String> seen = store.view(tx -> {
        String a = tx.get(ITEMS, "a").orElseThrow().value();
        if (runs.incrementAndGet() == 1) {
          store.update(w -> w.put(ITEMS, "b", "b2"));
        }
        return List.of(a, tx.get(ITEMS, "b").orElseThrow().value());
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
      store.update(tx -> {
        tx.put(ITEMS, "a", "a1");
        tx.put(ITEMS, "b", "b1");
      });
      AtomicInteger runs = new AtomicInteger();
      List<String> seen = store.view(tx -> {
        String a = tx.get(ITEMS, "a").orElseThrow().value();
        if (runs.incrementAndGet() == 1) {
          long revision = store.update(w -> {
            w.put(ITEMS, "a", "a2");
            w.put(ITEMS, "b", "b2");
          });
          backend.compact(store.namespace(), revision);
        }
        return List.of(a, tx.get(ITEMS, "b").orElseThrow().value());
      });
      assertEquals(List.of("a2", "b2"), seen);
      assertEquals(2, runs.get());
    }
  }
}
