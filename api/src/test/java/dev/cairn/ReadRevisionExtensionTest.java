package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An update whose store moved on between two of its reads, with and without its reads still holding. */
class ReadRevisionExtensionTest {
  private static final Schema<String> ITEMS = Schema.of("items", Codec.utf8());

  /** Another record changed between the reads: the update moves its read revision on and runs once. */
  @Test
  void updateRunsOnceWhenItsEarlierReadsStillHold() {
    try (Store store = storeOfTwoItems()) {
      AtomicInteger runs = new AtomicInteger();
      store.update(tx -> {
        String a = tx.get(ITEMS, "a").orElseThrow().value();
        if (runs.incrementAndGet() == 1) {
          store.update(w -> w.put(ITEMS, "b", "b2"));
        }
        tx.put(ITEMS, "a", a + "+" + tx.get(ITEMS, "b").orElseThrow().value());
      });
      assertEquals(1, runs.get());
      assertEquals("a1+b2", store.view(tx -> tx.get(ITEMS, "a").orElseThrow().value()));
    }
  }

  /** The record read first changed too: the update runs again and sees both changes. */
  @Test
  void updateRunsAgainWhenAnEarlierReadNoLongerHolds() {
    try (Store store = storeOfTwoItems()) {
      AtomicInteger runs = new AtomicInteger();
      store.update(tx -> {
        String a = tx.get(ITEMS, "a").orElseThrow().value();
        if (runs.incrementAndGet() == 1) {
          store.update(w -> {
            w.put(ITEMS, "a", "a2");
            w.put(ITEMS, "b", "b2");
          });
        }
        tx.put(ITEMS, "c", a + "+" + tx.get(ITEMS, "b").orElseThrow().value());
      });
      assertEquals(2, runs.get());
      assertEquals("a2+b2", store.view(tx -> tx.get(ITEMS, "c").orElseThrow().value()));
    }
  }

  /** A store holding a = a1 and b = b1, both at revision 1. */
  private static Store storeOfTwoItems() {
    Store store = Cairn.open(new TestBackend(), StoreOptions.defaults());
    store.update(tx -> {
      tx.put(ITEMS, "a", "a1");
      tx.put(ITEMS, "b", "b1");
    });
    return store;
  }
}
