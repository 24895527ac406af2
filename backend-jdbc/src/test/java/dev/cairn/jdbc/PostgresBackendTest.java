package dev.cairn.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.ChangeType;
import dev.cairn.Codec;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.UnavailableException;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.jdbc.testing.PostgresExtension;
import dev.cairn.jdbc.testing.PostgresServer;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL-only behaviour against one shared server: pool exhaustion, commit tokens and cut
 * connections, cross-process wake-up by LISTEN/NOTIFY, and passwords kept out of every message.
 */
class PostgresBackendTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();
  static final Schema<String> ITEMS = Schema.of("items", Codec.utf8());
  private static final String SCHEME = "jdbc:postgresql";

  private static PostgresServer server() {
    return POSTGRES.server();
  }

  private static JdbcBackend openBackend(String parameters) {
    return (JdbcBackend) new JdbcBackendProvider().open(new BackendUri(server().jdbcUrl() + parameters, SCHEME));
  }

  @Test
  void exhaustedPoolFailsWithinItsTimeoutNamingPoolSizeAndTimeout() throws Exception {
    try (Store store = Cairn.open(server().jdbcUrl() + "&namespace=pool&poolSize=1&poolTimeout=300");
         Connection locker = lockNamespaceRow("pool", () -> store.update(tx -> tx.put(ITEMS, "a", "1")))) {
      // The commit takes the pool's only connection and waits for the row lock held above.
      CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> store.update(tx -> tx.put(ITEMS, "b", "2")));
      awaitLockWaiters(1);

      long start = System.nanoTime();
      UnavailableException e = assertThrows(UnavailableException.class, () -> store.view(tx -> tx.get(ITEMS, "a")));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(e.getMessage().contains("pool of 1"), e.getMessage());
      assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
      assertTrue(waitedMillis >= 250 && waitedMillis < 10_000, "waited " + waitedMillis + " ms");
      assertNoPassword(e);
      assertFalse(blocked.isDone());

      locker.rollback();
      assertEquals(2, blocked.get(30, TimeUnit.SECONDS));
      assertEquals("2", store.view(tx -> tx.get(ITEMS, "b")).orElseThrow().value());
    }
  }

  @Test
  void committedRevisionResolvesATokenThatAppliedAndNoOther() {
    try (Backend backend = openBackend("&namespace=tokens")) {
      long first = backend.commit("tokens", request("tok-first", "a"));
      long second = backend.commit("tokens", request("tok-second", "b"));
      assertEquals(first + 1, second);
      assertEquals(OptionalLong.of(first), backend.committedRevision("tokens", "tok-first"));
      assertEquals(OptionalLong.of(second), backend.committedRevision("tokens", "tok-second"));
      assertEquals(OptionalLong.empty(), backend.committedRevision("tokens", "tok-never"));
      assertEquals(OptionalLong.empty(), backend.committedRevision("other", "tok-first"));
    }
  }

  /** A token used twice is refused as such at once, and the second commit writes nothing. */
  @Test
  void commitReusingATokenIsRefusedAndAppliesNothing() {
    try (Backend backend = openBackend("&namespace=reuse")) {
      long first = backend.commit("reuse", request("tok-once", "a"));
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> backend.commit("reuse", request("tok-once", "b")));
      assertTrue(e.getMessage().contains("tok-once"), e.getMessage());
      assertNoPassword(e);
      assertEquals(first, backend.currentRevision("reuse"));
      assertEquals(null, backend.get("reuse", "items", "b").record());
      assertEquals(List.of("a"), backend.changes("reuse", 0, 100).stream().map(Change::id).toList());
    }
  }

  /**
   * The commit statement reports which precondition failed, by its position among several
   * that hold, and the failed commit moves no revision and writes nothing.
   */
  @Test
  void failedPreconditionIsTheOneReportedAndNothingMoves() {
    try (Backend backend = openBackend("&namespace=pre")) {
      long rev = backend.commit("pre", request("tok-a", "a"));
      Precondition holds = new Precondition.RecordVersion("items", "a", rev);
      Precondition absent = new Precondition.RecordVersion("items", "nobody", 0);
      Precondition stale = new Precondition.RecordVersion("items", "a", rev - 1);
      Precondition unchanged = new Precondition.CollectionUnchanged("items", rev);
      CommitRequest request = new CommitRequest(List.of(holds, absent, unchanged, stale),
          List.of(new Write("items", "b", new byte[] {1}, Map.of())), "tok-b");
      PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
          () -> backend.commit("pre", request));
      assertEquals(stale, e.failed());
      assertEquals(rev, backend.currentRevision("pre"));
      assertEquals(null, backend.get("pre", "items", "b").record());
      assertEquals(OptionalLong.empty(), backend.committedRevision("pre", "tok-b"));
    }
  }

  /**
   * Puts over one record (PostgreSQL gives them a statement of their own) apply as any commit
   * would: read-modify-write or blind, keeping the index keys or changing them, after another
   * backend's commit, of an absent record, failing a stale version, reusing a token. Each leaves
   * the record, its index keys, the feed and the revisions exactly as the general statement would.
   */
  @Test
  void singleRecordUpdatesApplyAndFailAsAnyCommit() {
    try (Backend backend = openBackend("&namespace=single"); Backend other = openBackend("&namespace=single")) {
      long created = backend.commit("single", new CommitRequest(List.of(), List.of(put("a", "v0", "k1")), "tok-0"));
      long kept = backend.commit("single", update("a", created, "v1", "k1", "tok-1"));
      assertEquals(created + 1, kept);
      Change change = backend.changes("single", created, 10).get(0);
      assertEquals(List.of(kept, ChangeType.UPDATE, "a", created, created, Map.of("node", Set.of("k1"))),
          List.of(change.revision(), change.type(), change.id(), change.createRevision(), change.prevModRevision(),
              change.indexKeys()));
      assertArrayEquals(bytes("v1"), change.value());
      assertEquals(OptionalLong.of(kept), backend.committedRevision("single", "tok-1"));

      long moved = backend.commit("single", update("a", kept, "v2", "k2", "tok-2"));
      assertEquals(kept + 1, moved);
      assertEquals(List.of(), ids(backend.lookup("single", "items", "node", "k1", false)));
      assertEquals(List.of("a"), ids(backend.lookup("single", "items", "node", "k2", false)));

      // another backend moves the namespace on between this one's commits
      long elsewhere = other.commit("single", new CommitRequest(List.of(), List.of(put("b", "x", "k2")), "tok-b"));
      long raced = backend.commit("single", update("a", moved, "v3", "k2", "tok-3"));
      assertEquals(elsewhere + 1, raced);
      assertEquals(List.of("a", "b"), ids(backend.lookup("single", "items", "node", "k2", false)));

      // a blind put over the record, and one of an absent record (which the general statement creates)
      long blind = backend.commit("single", new CommitRequest(List.of(), List.of(put("a", "v3", "k2")), "tok-blind"));
      assertEquals(raced + 1, blind);
      Change overwritten = backend.changes("single", raced, 10).get(0);
      assertEquals(List.of(ChangeType.UPDATE, created, raced), List.of(overwritten.type(), overwritten.createRevision(),
          overwritten.prevModRevision()));
      long fresh = backend.commit("single", new CommitRequest(List.of(), List.of(put("c", "new", "k2")), "tok-c"));
      assertEquals(ChangeType.CREATE, backend.changes("single", blind, 10).get(0).type());

      CommitRequest stale = update("a", moved, "v4", "k2", "tok-4");
      PreconditionFailedException failed = assertThrows(PreconditionFailedException.class,
          () -> backend.commit("single", stale));
      assertEquals(stale.preconditions().get(0), failed.failed());
      assertThrows(InvalidArgumentException.class, () -> backend.commit("single", update("a", blind, "v5", "k2", "tok-3")));

      assertEquals(fresh, backend.currentRevision("single"));
      StoredRecord a = backend.get("single", "items", "a").record();
      assertArrayEquals(bytes("v3"), a.value());
      assertEquals(created, a.createRevision());
      assertEquals(blind, a.modRevision());
      assertEquals(List.of("a", "b", "c"), ids(backend.lookup("single", "items", "node", "k2", false)));
      assertEquals(List.of(created, kept, moved, elsewhere, raced, blind, fresh),
          backend.changes("single", 0, 100).stream().map(Change::revision).toList());
    }
  }

  private static Write put(String id, String value, String nodeKey) {
    return new Write("items", id, bytes(value), Map.of("node", Set.of(nodeKey)));
  }

  private static CommitRequest update(String id, long version, String value, String nodeKey, String token) {
    return new CommitRequest(List.of(new Precondition.RecordVersion("items", id, version)),
        List.of(put(id, value, nodeKey)), token);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(ScanResult result) {
    return result.records().stream().map(StoredRecord::id).toList();
  }

  /**
   * A commit waiting for the namespace's row lock has its connection terminated: it fails as
   * Unavailable, its token resolves to "never applied" once the lock is free, nothing of it is
   * in the records or the feed, and the next commit applies exactly once.
   */
  @Test
  void commitWhoseConnectionIsCutNeverApplies() throws Exception {
    try (Backend backend = openBackend("&namespace=cut&poolTimeout=2000");
         Connection locker = lockNamespaceRow("cut", () -> backend.commit("cut", request("tok-before", "a")))) {
      CompletableFuture<Long> cut = CompletableFuture.supplyAsync(() -> backend.commit("cut", request("tok-cut", "b")));
      awaitLockWaiters(1);
      assertTrue(server().terminateConnections() >= 1);
      ExecutionException failed = assertThrows(ExecutionException.class, () -> cut.get(30, TimeUnit.SECONDS));
      assertInstanceOf(UnavailableException.class, failed.getCause());
      assertNoPassword(failed.getCause());
      locker.rollback();

      assertEquals(OptionalLong.empty(), eventually(() -> backend.committedRevision("cut", "tok-cut")));
      assertEquals(1, backend.currentRevision("cut"));
      assertEquals(null, backend.get("cut", "items", "b").record());
      long again = backend.commit("cut", request("tok-again", "b"));
      assertEquals(2, again);
      assertEquals(OptionalLong.of(2), backend.committedRevision("cut", "tok-again"));
      List<Change> feed = backend.changes("cut", 0, 100);
      assertEquals(List.of(1L, 2L), feed.stream().map(Change::revision).toList());
      assertEquals(List.of("a", "b"), feed.stream().map(Change::id).toList());
    }
  }

  /** Two backends on one database, as two processes would have: the second's commit wakes the first's waiter. */
  @Test
  void commitOfAnotherBackendWakesAWaiterByNotification() throws Exception {
    try (JdbcBackend watching = openBackend("&namespace=wake"); JdbcBackend writing = openBackend("&namespace=wake")) {
      startListening(watching);
      long before = watching.currentRevision("wake");
      boolean[] woke = new boolean[1];
      // Listening, a waiter waits its whole timeout unless notified: a minute here, far beyond the deadline below.
      Thread waiter = new Thread(() -> {
        try {
          woke[0] = watching.awaitRevision("wake", before, Duration.ofMinutes(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "test-waiter");
      waiter.start();
      awaitTrue("the waiter parks", () -> waiter.getState() == Thread.State.TIMED_WAITING);
      long start = System.nanoTime();
      writing.commit("wake", request("tok-wake", "a"));
      waiter.join(TimeUnit.SECONDS.toMillis(20));
      assertFalse(waiter.isAlive(), "no notification woke the waiter within 20 s");
      assertTrue(woke[0]);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
    }
  }

  /**
   * A backend listens only once a waiter waits: a listening session costs every commit on the
   * server, so a process that never watches has none (and no listening thread).
   */
  @Test
  void listensOnlyOnceAWaiterWaits() throws Exception {
    String thread = "cairn-pg-listen-quiet_commits";
    try (JdbcBackend backend = openBackend("&namespace=quiet&tablePrefix=quiet_")) {
      assertEquals(1, backend.commit("quiet", request("tok-quiet", "a")));
      assertEquals(1, backend.get("quiet", "items", "a").revision());
      assertFalse(backend.notificationsListening());
      assertFalse(threadNames().contains(thread), threadNames().toString());
      startListening(backend);
      assertTrue(threadNames().contains(thread), threadNames().toString());
    }
  }

  /** Makes the backend's notifier listen, as a first waiter does, and waits until it does. */
  private static void startListening(JdbcBackend backend) throws InterruptedException {
    assertFalse(backend.awaitRevision("any", Long.MAX_VALUE, Duration.ZERO));
    awaitTrue("the notifier listens", backend::notificationsListening);
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }

  /** The same through the public API: a watch of one store sees a commit of another store opened separately. */
  @Test
  void watchOfOneStoreSeesACommitOfAnotherStore() throws Exception {
    String uri = server().jdbcUrl() + "&namespace=cross";
    try (Store watching = Cairn.open(uri); Store writing = Cairn.open(uri);
         Watch watch = watching.watch(watching.revision() + 1, WatchFilter.all())) {
      long revision = writing.update(tx -> tx.put(ITEMS, "x", "from the other store"));
      WatchEvent event = watch.poll(Duration.ofSeconds(20));
      WatchEvent.Changed changed = assertInstanceOf(WatchEvent.Changed.class, event);
      assertEquals(revision, changed.revision());
      assertEquals("from the other store", changed.value(ITEMS));
      assertEquals(new WatchEvent.Committed(revision, 1), watch.poll(Duration.ofSeconds(20)));
    }
  }

  @Test
  void passwordAppearsInNoToStringNoThreadNameAndNoMessage() throws Exception {
    String password = server().password();
    try (Store store = Cairn.open(server().jdbcUrl()); JdbcBackend backend = openBackend("")) {
      store.update(tx -> tx.put(ITEMS, "a", "1"));
      for (Object o : List.of(store, backend, JdbcConfig.from(new BackendUri(server().jdbcUrl(), SCHEME)),
          new BackendUri(server().jdbcUrl(), SCHEME))) {
        assertFalse(o.toString().contains(password), o.toString());
      }
      startListening(backend);
      List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
      assertTrue(threads.stream().anyMatch(n -> n.startsWith("cairn-pg-listen-")), threads.toString());
      threads.forEach(name -> assertFalse(name.contains(password), name));
    }

    String wrong = "wrong-" + password;
    UnavailableException badPassword = assertThrows(UnavailableException.class,
        () -> Cairn.open(server().jdbcUrl(PostgresServer.DATABASE, PostgresServer.USER, wrong) + "&poolTimeout=500"));
    assertTrue(badPassword.getMessage().contains("password authentication failed"), badPassword.getMessage());
    assertFalse(trace(badPassword).contains(wrong), trace(badPassword));

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/cairn?user=cairn&password=" + password
        + "&poolTimeout=500";
    UnavailableException noServer = assertThrows(UnavailableException.class, () -> Cairn.open(unreachable));
    assertTrue(noServer.getMessage().contains("127.0.0.1:" + closedPort), noServer.getMessage());
    assertNoPassword(noServer);
  }

  // ------------------------------------------------------------------ helpers

  private static CommitRequest request(String token, String id) {
    return new CommitRequest(List.of(),
        List.of(new Write("items", id, id.getBytes(StandardCharsets.UTF_8), Map.of())), token);
  }

  /**
   * Runs {@code firstCommit} (so the namespace's row exists), then opens a superuser connection
   * (which terminateConnections() spares) that holds the row locked until it rolls back.
   */
  private static Connection lockNamespaceRow(String namespace, Runnable firstCommit) throws SQLException {
    firstCommit.run();
    Connection c = DriverManager.getConnection(server().superuserJdbcUrl());
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement("SELECT revision FROM cairn_collections WHERE ns = ? AND coll = '' FOR UPDATE")) {
      s.setString(1, namespace);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "no row for namespace " + namespace);
      }
    }
    return c;
  }

  /** Waits until {@code n} connections of Cairn's role wait for a lock. */
  private static void awaitLockWaiters(int n) throws Exception {
    try (Connection admin = DriverManager.getConnection(server().superuserJdbcUrl());
         PreparedStatement s = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?"
             + " AND wait_event_type = 'Lock'")) {
      s.setString(1, PostgresServer.USER);
      awaitTrue(n + " lock waiter(s)", () -> {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getInt(1) >= n;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5); // a poll interval, not synchronisation: the loop re-checks the condition
    }
  }

  /** Calls {@code call} until it stops failing as Unavailable (a pool replacing cut connections), for 30 s. */
  static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return call.get();
      } catch (UnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }

  private static void assertNoPassword(Throwable e) {
    String trace = trace(e);
    assertFalse(trace.contains(server().password()), trace);
    assertNotEquals("", e.getMessage());
  }

  private static String trace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
