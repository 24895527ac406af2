package dev.cairn.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CairnException;
import dev.cairn.ChangeType;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.UnavailableException;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.Cairn;
import dev.cairn.Schema;
import dev.cairn.Codec;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend against a standalone redis-server of its own, which these tests flush, restart and
 * kill: what the TCK cannot do to a server.
 */
class RedisBackendTest {
  private static final Schema<String> PLAIN = Schema.of("plain", Codec.utf8());
  private static RedisServer server;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String namespace() {
    return String.format("m%06d", NAMESPACES.incrementAndGet());
  }

  private static Backend backend(String uri) {
    return new RedisBackendProvider().open(new BackendUri(uri, uri.substring(0, uri.indexOf(':'))));
  }

  private static Store store(String namespace) {
    return Cairn.open(server.uri(), StoreOptions.defaults().withNamespace(namespace));
  }

  private static Write put(String collection, String id, String value, Map<String, Set<String>> keys) {
    return new Write(collection, id, value.getBytes(StandardCharsets.UTF_8), keys);
  }

  private static long commit(Backend backend, String namespace, Write... writes) {
    return backend.commit(namespace, new CommitRequest(List.of(), List.of(writes), UUID.randomUUID().toString()));
  }

  @Test
  void scriptsAreReloadedAfterScriptFlush() {
    String ns = namespace();
    try (Backend backend = backend(server.uri())) {
      commit(backend, ns, put("c", "a", "1", Map.of()));
      assertEquals(List.of(1L), Resp.once(server.port(), "SCRIPT", "EXISTS", Script.COMMIT.sha()));
      assertEquals("OK", Resp.once(server.port(), "SCRIPT", "FLUSH"));
      assertEquals(List.of(0L), Resp.once(server.port(), "SCRIPT", "EXISTS", Script.COMMIT.sha()));
      assertEquals(2, commit(backend, ns, put("c", "b", "2", Map.of())));
      assertEquals("1", new String(backend.get(ns, "c", "a").record().value(), StandardCharsets.UTF_8));
      assertEquals(2, backend.scan(ns, "c", IdRange.ALL, 10).records().size());
      assertEquals(List.of(1L, 1L), Resp.once(server.port(), "SCRIPT", "EXISTS", Script.COMMIT.sha(), Script.SCAN.sha()));
    }
  }

  @Test
  void watchResumesWithoutGapAcrossAServerRestart() throws Exception {
    String ns = namespace();
    try (Store store = store(ns); Watch watch = store.watch(1, WatchFilter.all())) {
      for (int i = 1; i <= 5; i++) {
        String id = "r" + i;
        store.update(tx -> tx.create(PLAIN, id, id));
      }
      List<Long> seen = new ArrayList<>(committedRevisions(watch, 5));
      server.stop();
      server.restart();
      for (int i = 6; i <= 10; i++) {
        String id = "r" + i;
        RedisFixture.retryWhileUnavailable(() -> store.update(tx -> tx.put(PLAIN, id, id)));
      }
      seen.addAll(committedRevisions(watch, 10));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seen, "every revision once, in order");
    }
  }

  /** Polls the watch until the commit marker of {@code upTo}, returning the committed revisions. */
  private static List<Long> committedRevisions(Watch watch, long upTo) throws InterruptedException {
    List<Long> revisions = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (watch.lastRevision() < upTo) {
      assertTrue(System.nanoTime() < deadline, "the watch reached revision " + watch.lastRevision() + " of " + upTo);
      WatchEvent e = watch.poll(Duration.ofMillis(200));
      if (e instanceof WatchEvent.Committed) {
        revisions.add(e.revision());
      }
    }
    return revisions;
  }


  /**
   * Writers commit pairs of records while the server is killed with SIGKILL and restarted: every
   * acknowledged pair is there afterwards (appendfsync always), and no pair is half there.
   */
  @Test
  void serverKilledMidCommitLosesNoAcknowledgedWriteAndHalvesNone() throws Exception {
    String ns = namespace();
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch someCommitted = new CountDownLatch(50);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Store store = Cairn.open(server.uri() + "?timeout=3000", StoreOptions.defaults().withNamespace(ns))) {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        writers.add(pool.submit(() -> {
          while (running.get()) {
            int n = next.incrementAndGet();
            try {
              store.update(tx -> {
                tx.create(PLAIN, "a" + n, "x");
                tx.create(PLAIN, "b" + n, "x");
              });
              acknowledged.add(n);
              someCommitted.countDown();
            } catch (CairnException e) {
              failed.incrementAndGet(); // unavailable while the server is down: not acknowledged
            }
          }
          return null;
        }));
      }
      assertTrue(someCommitted.await(30, TimeUnit.SECONDS));
      server.kill();
      server.restart();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int before = acknowledged.size();
      while (acknowledged.size() < before + 50) {
        assertTrue(System.nanoTime() < deadline, "commits resumed after the restart");
        TimeUnit.MILLISECONDS.sleep(20); // poll with a deadline
      }
      running.set(false);
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
      List<String> ids = new ArrayList<>();
      store.view(tx -> tx.listAll(PLAIN)).forEach(e -> ids.add(e.id()));
      for (int n : acknowledged) {
        assertTrue(ids.contains("a" + n) && ids.contains("b" + n), "acknowledged pair " + n + " survived");
      }
      for (String id : ids) {
        String other = (id.charAt(0) == 'a' ? "b" : "a") + id.substring(1);
        assertTrue(ids.contains(other), "pair of " + id + " is whole");
      }
      assertEquals(ids.size() / 2, store.revision(), "one revision per pair: nothing applied twice");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Ids and keys holding the characters of Redis' own syntax are stored and ranged exactly. */
  @Test
  void hostileIdsAndKeysAreStoredAndRangedExactly() {
    String ns = namespace();
    List<String> ids = new ArrayList<>(List.of("-", "+", "[a", "(b", "{t}x", "a:b", "a*", "\\", " ", "\n", "ü", "😀",
        "r:c:x", "x".repeat(512)));
    ids.sort(dev.cairn.Ids.ORDER);
    try (Backend backend = backend(server.uri())) {
      List<Write> writes = new ArrayList<>();
      for (String id : ids) {
        writes.add(put("c", id, id, Map.of("by", Set.of(id, "[" + id))));
      }
      writes.add(put("c-r", "-", "other collection", Map.of("by", Set.of("-"))));
      backend.commit(ns, new CommitRequest(List.of(), writes, "t1"));
      ScanResult all = backend.scan(ns, "c", IdRange.ALL, 100);
      assertEquals(ids, all.records().stream().map(StoredRecord::id).toList());
      for (String id : ids) {
        assertEquals(id, new String(backend.get(ns, "c", id).record().value(), StandardCharsets.UTF_8));
        assertEquals(List.of(id), backend.lookup(ns, "c", "by", id, false).records().stream().map(StoredRecord::id).toList());
        assertEquals(ids.subList(ids.indexOf(id) + 1, ids.size()),
            backend.scan(ns, "c", IdRange.ALL.after(id), 100).records().stream().map(StoredRecord::id).toList());
      }
      assertEquals(ids, backend.lookup(ns, "c", "by", "[", true).records().stream().map(StoredRecord::id).toList());
      assertEquals(List.of("-"), backend.lookup(ns, "c-r", "by", "-", true).records().stream().map(StoredRecord::id).toList());
      assertNull(backend.get(ns, "c-r", "+").record());
      assertThrows(InvalidArgumentException.class, () -> backend.currentRevision("{x}"));
      assertThrows(InvalidArgumentException.class, () -> backend.currentRevision("a:b"));
      assertEquals(0, backend.currentRevision(ns + "-child"), "a namespace sharing a prefix sees nothing");
      assertEquals(List.of("c", "c-r"), backend.collections(ns));
    }
  }

  /** Pages never skip or repeat a record, whatever the page size, even when a page fills exactly. */
  @Test
  void pagesNeverSkipNorRepeat() {
    String ns = namespace();
    try (Backend backend = backend(server.uri())) {
      List<Write> writes = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        writes.add(put("c", String.format("k%02d", i), "v", Map.of()));
      }
      backend.commit(ns, new CommitRequest(List.of(), writes, "t"));
      for (int size = 1; size <= 31; size++) {
        List<String> seen = new ArrayList<>();
        IdRange range = IdRange.ALL;
        ScanResult page;
        do {
          page = backend.scan(ns, "c", range, size);
          page.records().forEach(r -> seen.add(r.id()));
          if (!page.records().isEmpty()) {
            range = range.after(page.records().get(page.records().size() - 1).id());
          }
        } while (page.more());
        assertEquals(30, seen.size(), "page size " + size);
        assertEquals(seen.stream().distinct().sorted().toList(), seen, "page size " + size);
      }
    }
  }

  /** A commit token is resolved once for good: a late retry of its commit never applies. */
  @Test
  void aTokenDeclaredNeverCommittedStaysUncommitted() {
    String ns = namespace();
    try (Backend backend = backend(server.uri())) {
      assertTrue(backend.committedRevision(ns, "lost").isEmpty());
      CommitRequest late = new CommitRequest(List.of(), List.of(put("c", "a", "1", Map.of())), "lost");
      assertThrows(UnavailableException.class, () -> backend.commit(ns, late));
      assertNull(backend.get(ns, "c", "a").record());
      CommitRequest twice = new CommitRequest(List.of(new Precondition.RecordVersion("c", "b", 0)),
          List.of(put("c", "b", "1", Map.of())), "twice");
      assertEquals(1, backend.commit(ns, twice));
      assertEquals(1, backend.commit(ns, twice), "a retried commit answers its first outcome");
      assertEquals(1, backend.currentRevision(ns));
      List<Change> changes = backend.changes(ns, 0, 10);
      assertEquals(1, changes.size());
      assertEquals(ChangeType.CREATE, changes.get(0).type());
    }
  }

  @Test
  void passwordsNeverShow() {
    String uri = "redis://alice:s3cr3t-pw@127.0.0.1:1?timeout=500";
    UnavailableException e = assertThrows(UnavailableException.class, () -> backend(uri));
    assertFalse(String.valueOf(e.getMessage()).contains("s3cr3t"), e.getMessage());
    assertFalse(RedisConfig.from(new BackendUri(uri, "redis")).toString().contains("s3cr3t"));
    assertThrows(InvalidArgumentException.class, () -> backend("redis://h:1?bogus=1"));
    RedisConfig cluster = RedisConfig.from(new BackendUri("redis-cluster://u:p@a:1,b:2", "redis-cluster"));
    assertEquals(2, cluster.addresses.size());
    assertTrue(cluster.cluster);
    assertNotNull(cluster.password);
  }
}
