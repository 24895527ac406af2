package dev.cairn.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Ids;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.Names;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.jdbc.testing.PostgresExtension;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.Write;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile table prefixes, namespaces, collection names, ids, index keys and values, on every dialect. */
class JdbcInputTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();
  /** Values are the hostile strings too; each record is indexed under its own id. */
  static final Schema<String> THINGS = Schema.builder("things", Codec.utf8())
      .index("self", v -> List.of(v.substring(v.indexOf(':') + 1)))
      .build();
  static final List<String> HOSTILE_PREFIXES = List.of("x; DROP TABLE t", "\"quoted\"", "Upper_", "a".repeat(41), "",
      "1abc", "a-b", "a.b", "a b", "é");
  static final List<String> HOSTILE_NAMES = List.of("x'; DROP TABLE cairn_records; --", "\"quoted\"", "Upper", "",
      "-x", "a b", "a;b", "a\\b", "a".repeat(64), "é");
  static final List<String> HOSTILE_IDS = List.of(
      "'", "\"", "''", "'; DROP TABLE cairn_records; --", "\"; DROP TABLE cairn_records; --",
      "\\", "\\'", "\\0", "a\\nb", "%", "_", "%_*?[]", "/* comment */", "-- comment", "$$; SELECT 1; $$",
      "\u0001\u0002\u0007\b\t\n\u000b\f\r\u001b\u007f", "line\nbreak", "\u2028\u2029\u0085", "\uFEFFbom",
      "🦀", "a🚀b", "é", "e\u0301", "中文", "x".repeat(Names.MAX_ID_BYTES), "é".repeat(Names.MAX_ID_BYTES / 2),
      "😀".repeat(Names.MAX_ID_BYTES / 4), "\uFFFF", new String(Character.toChars(Character.MAX_CODE_POINT)),
      " ", "  leading and trailing  ");

  @TempDir
  Path dir;

  static Stream<Arguments> prefixes() {
    return Stream.of(Dialect.values()).flatMap(d -> HOSTILE_PREFIXES.stream().map(p -> Arguments.of(d, p)));
  }

  /**
   * The prefix is checked before any SQL: on PostgreSQL the URI points at a port where nothing
   * listens (any connection attempt would fail as Unavailable), and the SQLite or H2 file is never
   * created.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("prefixes")
  void hostileTablePrefixIsRefusedBeforeAnySqlRuns(Dialect dialect, String prefix) throws Exception {
    String encoded = URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    Path file = dir.resolve("never");
    String uri = switch (dialect) {
      case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:1/none?user=u&password=s3cret&poolTimeout=250&tablePrefix="
          + encoded;
      case SQLITE -> "jdbc:sqlite:" + file + "?tablePrefix=" + encoded;
      case H2 -> "jdbc:h2:file:" + file + "?tablePrefix=" + encoded;
    };
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Cairn.open(uri).close());
    assertTrue(e.getMessage().contains("tablePrefix"), e.getMessage());
    assertTrue(e.getMessage().contains(JdbcConfig.PREFIX_RULE.pattern()), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.collect(Collectors.toList()), "a database file was created");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void hostileNamespaceAndCollectionNamesAreRefusedByCairn(Dialect dialect) {
    JdbcTarget target = JdbcTarget.fresh(dialect, POSTGRES::server, dir);
    try (Store store = Cairn.open(target.uri())) {
      store.update(tx -> tx.put(THINGS, "a", "v:a"));
      for (String name : HOSTILE_NAMES) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        assertInvalid("namespace", () -> Cairn.open(target.uri() + "&namespace=" + encoded).close(), name);
        assertInvalid("namespace", () -> store.withNamespace(name), name);
        assertInvalid("collection name", () -> Schema.of(name, Codec.utf8()), name);
        assertInvalid("index name", () -> Schema.builder("ok", Codec.utf8()).index(name, v -> List.of(v)), name);
      }
      assertEquals(List.of("things"), store.collections());
      assertEquals(List.of(new Entry<>("a", "v:a", 1, 1)), store.view(tx -> tx.listAll(THINGS)));
    }
    assertEquals(JdbcTarget.TABLES, target.existingTables());
  }

  private static void assertInvalid(String what, Runnable call, String name) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call::run, what + " " + name);
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  /**
   * A commit token used twice (only a direct SPI caller can) is refused at once as invalid input
   * on every dialect, naming the token, and the second commit writes nothing.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void reusedCommitTokenIsRefusedAndAppliesNothing(Dialect dialect) {
    JdbcTarget target = JdbcTarget.fresh(dialect, POSTGRES::server, dir);
    try (Backend backend = new JdbcBackendProvider().open(new BackendUri(target.uri(), dialect.scheme()))) {
      long first = backend.commit("reuse", put("a", "tok-once"));
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> backend.commit("reuse", put("b", "tok-once")));
      assertTrue(e.getMessage().contains("tok-once") && e.getMessage().contains("used before"), e.getMessage());
      assertEquals(first, backend.currentRevision("reuse"));
      assertNull(backend.get("reuse", "things", "b").record());
      assertEquals(List.of("a"), backend.changes("reuse", 0, 10).stream().map(Change::id).toList());
      assertEquals(first + 1, backend.commit("reuse", put("b", "tok-twice")));
    }
  }

  private static CommitRequest put(String id, String token) {
    return new CommitRequest(List.of(), List.of(new Write("things", id, new byte[] {1}, Map.of())), token);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void hostileIdsIndexKeysAndValuesRoundTripExactly(Dialect dialect) throws Exception {
    JdbcTarget target = JdbcTarget.fresh(dialect, POSTGRES::server, dir);
    List<String> sorted = new ArrayList<>(HOSTILE_IDS);
    sorted.sort(Ids.ORDER);
    try (Store store = Cairn.open(target.uri()); Watch watch = store.watch(1, WatchFilter.all())) {
      long revision = store.update(tx -> HOSTILE_IDS.forEach(id -> tx.put(THINGS, id, "v:" + id)));
      for (String id : HOSTILE_IDS) {
        assertEquals(new Entry<>(id, "v:" + id, revision, revision), store.view(tx -> tx.get(THINGS, id)).orElseThrow(),
            id);
        assertEquals(List.of(id), JdbcSchemaTest.ids(store.view(tx -> tx.find(THINGS, By.exact("self", id)))), id);
        List<String> withPrefix = sorted.stream().filter(other -> other.startsWith(id)).collect(Collectors.toList());
        assertEquals(withPrefix, JdbcSchemaTest.ids(store.view(tx -> tx.list(THINGS, ListOptions.prefix(id)).items())),
            id);
        assertEquals(withPrefix, JdbcSchemaTest.ids(store.view(tx -> tx.find(THINGS, By.prefix("self", id)))), id);
      }
      List<Entry<String>> all = store.view(tx -> tx.listAll(THINGS));
      assertEquals(sorted, JdbcSchemaTest.ids(all));
      all.forEach(e -> assertEquals("v:" + e.id(), e.value()));

      List<String> fed = new ArrayList<>();
      for (WatchEvent event = watch.poll(Duration.ofSeconds(10)); event instanceof WatchEvent.Changed c;
          event = watch.poll(Duration.ofSeconds(10))) {
        assertEquals("v:" + c.id(), c.value(THINGS));
        fed.add(c.id());
      }
      fed.sort(Ids.ORDER);
      assertEquals(sorted, fed);

      // deleting by hostile id removes exactly that record and its index keys
      store.update(tx -> tx.delete(THINGS, "'; DROP TABLE cairn_records; --"));
      assertEquals(HOSTILE_IDS.size() - 1, store.view(tx -> tx.listAll(THINGS)).size());
      assertEquals(List.of(), store.view(tx -> tx.find(THINGS, By.exact("self", "'; DROP TABLE cairn_records; --"))));
    }
    assertEquals(JdbcTarget.TABLES, target.existingTables());
    assertEquals(HOSTILE_IDS.size() - 1, target.count("records"));
  }
}
