package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Creates after a transaction's first are checked at commit, not by a read each: a load reads
 * once, and a create of a record or name that is taken still throws where it is called.
 */
class DeferredCreateChecksTest {
  private static final Schema<String> NAMED = Schema.builder("named", Codec.utf8()).name(v -> v).build();

  /** A backend that counts point reads and name lookups. */
  private static final class CountingBackend extends TestBackend {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public synchronized RecordRead get(String namespace, String collection, String id) {
      gets.incrementAndGet();
      return super.get(namespace, collection, id);
    }

    @Override
    public synchronized ScanResult lookup(String namespace, String collection, String index, String key,
        boolean prefix) {
      lookups.incrementAndGet();
      return super.lookup(namespace, collection, index, key, prefix);
    }
  }

  /** 100 named creates in one transaction: one read and one name lookup, all created, every name held. */
  @Test
  void aLoadReadsOnlyItsFirstCreate() {
    CountingBackend backend = new CountingBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      store.update(tx -> {
        for (int i = 0; i < 100; i++) {
          tx.create(NAMED, "r" + i, "name-" + i);
        }
      });
      assertEquals(1, backend.gets.get(), "point reads");
      assertEquals(1, backend.lookups.get(), "name lookups");
      assertEquals(100, store.view(tx -> tx.listAll(NAMED)).size());
      assertEquals("r42", store.view(tx -> tx.getByName(NAMED, "NAME-42")).orElseThrow().id());
    }
  }

  /** A later create of a record that exists fails the commit; the second run throws at that create; nothing lands. */
  @Test
  void aLaterCreateOfAnExistingRecordThrowsOnTheSecondRun() {
    try (Store store = Cairn.open(new CountingBackend(), StoreOptions.defaults())) {
      store.update(tx -> tx.create(NAMED, "c", "taken-by-c"));
      long revision = store.revision();
      AtomicInteger runs = new AtomicInteger();
      AtomicInteger reached = new AtomicInteger();
      assertThrows(AlreadyExistsException.class, () -> store.update(tx -> {
        runs.incrementAndGet();
        tx.create(NAMED, "a", "for-a");
        tx.create(NAMED, "b", "for-b");
        tx.create(NAMED, "c", "for-c");
        reached.incrementAndGet();
      }));
      assertEquals(2, runs.get(), "the first run is checked at commit, the second reads");
      assertEquals(1, reached.get(), "only the first run passed the create of c");
      assertEquals(revision, store.revision(), "nothing committed");
      assertEquals(List.of("c"), store.view(tx -> tx.listAll(NAMED)).stream().map(Entry::id).toList());
    }
  }

  /** A later create taking a name that another record holds fails the commit; the second run throws NameConflict. */
  @Test
  void aLaterCreateOfATakenNameThrowsOnTheSecondRun() {
    try (Store store = Cairn.open(new CountingBackend(), StoreOptions.defaults())) {
      store.update(tx -> tx.create(NAMED, "holder", "shared"));
      AtomicInteger runs = new AtomicInteger();
      NameConflictException e = assertThrows(NameConflictException.class, () -> store.update(tx -> {
        runs.incrementAndGet();
        tx.create(NAMED, "a", "free");
        tx.create(NAMED, "b", "SHARED");
      }));
      assertEquals(2, runs.get());
      assertTrue(e.getMessage().contains("named/holder"), e.getMessage());
      assertTrue(store.view(tx -> tx.get(NAMED, "a")).isEmpty(), "nothing committed");
    }
  }

  /** A transaction that creates one record reads it, and throws at once if it exists (a lease, a unique job). */
  @Test
  void aSingleCreateIsCheckedWhereItIsCalled() {
    CountingBackend backend = new CountingBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      store.update(tx -> tx.create(NAMED, "only", "only"));
      AtomicInteger runs = new AtomicInteger();
      assertThrows(AlreadyExistsException.class, () -> store.update(tx -> {
        runs.incrementAndGet();
        tx.create(NAMED, "only", "again");
      }));
      assertEquals(1, runs.get());
    }
  }

  /** A record created unchecked and then read, deleted and created again in the same run behaves as pending. */
  @Test
  void anUncheckedCreateIsSeenByTheRestOfItsTransaction() {
    CountingBackend backend = new CountingBackend();
    try (Store store = Cairn.open(backend, StoreOptions.defaults())) {
      store.update(tx -> {
        tx.create(NAMED, "first", "first");
        tx.create(NAMED, "x", "x1");
        assertEquals("x1", tx.get(NAMED, "x").orElseThrow().value());
        tx.delete(NAMED, "x");
        assertTrue(tx.get(NAMED, "x").isEmpty());
        tx.create(NAMED, "x", "x2");
      });
      assertEquals(1, backend.gets.get(), "only the first create read the store");
      assertEquals("x2", store.view(tx -> tx.get(NAMED, "x")).orElseThrow().value());
    }
  }

  /** In a batch, a unit creating a record that exists fails the batch with AlreadyExists, as before. */
  @Test
  void aBatchReportsAnExistingRecord() {
    try (Store store = Cairn.open(new CountingBackend(), StoreOptions.defaults())) {
      store.update(tx -> tx.create(NAMED, "r5", "five"));
      BatchFailedException e = assertThrows(BatchFailedException.class, () -> store.batch(batch -> {
        for (int i = 0; i < 10; i++) {
          int n = i;
          batch.update(tx -> tx.create(NAMED, "r" + n, "value-" + n));
        }
      }));
      assertInstanceOf(AlreadyExistsException.class, e.getCause());
    }
  }
}
