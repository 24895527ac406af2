package dev.cairn.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Cairn;
import dev.cairn.ChangeType;
import dev.cairn.Codec;
import dev.cairn.CompactedException;
import dev.cairn.Entry;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import dev.cairn.jdbc.testing.PostgresExtension;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Schema creation, migration from version 1, refusal of a newer schema and table prefixes, on every dialect. */
class JdbcSchemaTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();
  static final Schema<String> TASKS = Schema.builder("tasks", Codec.utf8())
      .index("word", v -> List.of(v.split(" ")))
      .build();

  @TempDir
  Path dir;

  private JdbcTarget fresh(Dialect dialect) {
    return JdbcTarget.fresh(dialect, POSTGRES::server, dir);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void freshDatabaseGetsEveryTableAtTheCurrentVersion(Dialect dialect) {
    JdbcTarget target = fresh(dialect);
    assertEquals(Set.of(), target.existingTables());
    try (Store store = Cairn.open(target.uri())) {
      store.update(tx -> tx.put(TASKS, "a", "alpha"));
    }
    assertEquals(JdbcTarget.TABLES, target.existingTables());
    assertEquals(SchemaMigrator.CURRENT_VERSION, target.schemaVersion());
    try (Store again = Cairn.open(target.uri())) { // a second open migrates nothing and keeps the data
      assertEquals("alpha", again.view(tx -> tx.get(TASKS, "a")).orElseThrow().value());
    }
    assertEquals(1, target.count("schema_version"));
    assertEquals(SchemaMigrator.CURRENT_VERSION, target.schemaVersion());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void versionOneDatabaseIsMigratedOnOpenAndItsDataStaysReadable(Dialect dialect) throws Exception {
    JdbcTarget target = fresh(dialect);
    Jdbi jdbi = target.jdbi();
    assertEquals(0, new SchemaMigrator(dialect, target.tables()).migrate(jdbi, 1, "test"));
    assertEquals(1, target.schemaVersion());
    assertFalse(target.existingTables().contains("index_keys"));
    // What version 1 wrote for: rev 1 creates a, rev 2 updates a and creates b (no index keys then).
    String p = target.prefix();
    jdbi.useTransaction(h -> {
      h.execute("INSERT INTO " + p + "namespaces (ns, revision, floor) VALUES ('default', 2, 0)");
      // a namespace whose history up to revision 4 was compacted
      h.execute("INSERT INTO " + p + "namespaces (ns, revision, floor) VALUES ('other', 5, 4)");
      h.execute("INSERT INTO " + p + "records (ns, coll, id, payload, create_rev, mod_rev) VALUES (?, ?, ?, ?, ?, ?)",
          "default", "tasks", utf8("a"), utf8("alpha two"), 1, 2);
      h.execute("INSERT INTO " + p + "records (ns, coll, id, payload, create_rev, mod_rev) VALUES (?, ?, ?, ?, ?, ?)",
          "default", "tasks", utf8("b"), utf8("beta"), 2, 2);
      h.execute("INSERT INTO " + p + "collections (ns, coll, revision) VALUES ('default', 'tasks', 2)");
      String change = "INSERT INTO " + p + "changes (ns, revision, seq, kind, coll, id, payload, create_rev,"
          + " prev_mod_rev) VALUES ('default', ?, ?, ?, 'tasks', ?, ?, ?, ?)";
      h.execute(change, 1, 0, BatchWriter.kind(ChangeType.CREATE), utf8("a"), utf8("alpha one"), 1, 0);
      h.execute(change, 2, 0, BatchWriter.kind(ChangeType.UPDATE), utf8("a"), utf8("alpha two"), 1, 1);
      h.execute(change, 2, 1, BatchWriter.kind(ChangeType.CREATE), utf8("b"), utf8("beta"), 2, 0);
      h.execute("INSERT INTO " + p + "tokens (ns, token, revision) VALUES ('default', 'v1-token', 2)");
    });

    try (Store store = Cairn.open(target.uri())) {
      assertEquals(SchemaMigrator.CURRENT_VERSION, target.schemaVersion());
      assertEquals(JdbcTarget.TABLES, target.existingTables());
      assertEquals(2, store.revision());
      assertEquals(List.of(new Entry<>("a", "alpha two", 1, 2), new Entry<>("b", "beta", 2, 2)),
          store.view(tx -> tx.listAll(TASKS)));
      assertEquals(List.of("tasks"), store.collections());
      try (Watch watch = store.watch(1, WatchFilter.all())) {
        assertEquals(List.of("1 CREATE a alpha one", "1 committed", "2 UPDATE a alpha two", "2 CREATE b beta",
            "2 committed"), describe(watch, 2));
      }
      // Records written before indexes existed have no keys until rewritten; new writes index.
      assertEquals(List.of(), store.view(tx -> tx.find(TASKS, By.exact("word", "beta"))));
      long revision = store.update(tx -> {
        tx.put(TASKS, "b", tx.get(TASKS, "b").orElseThrow().value());
        tx.create(TASKS, "c", "gamma beta");
      });
      assertEquals(3, revision);
      assertEquals(List.of("b", "c"), store.view(tx -> tx.find(TASKS, By.exact("word", "beta"))).stream()
          .map(Entry::id).collect(Collectors.toList()));
    }
    try (Backend backend = new JdbcBackendProvider().open(new BackendUri(target.uri(), dialect.scheme()))) {
      assertEquals(OptionalLong.of(2), backend.committedRevision("default", "v1-token"));
      // each namespace keeps its revision and floor (version 4 moved them to the collections table)
      assertEquals(5, backend.currentRevision("other"));
      assertThrows(CompactedException.class, () -> backend.changes("other", 3, 10));
      assertEquals(List.of(), backend.changes("other", 4, 10));
      assertEquals(List.of(), backend.collections("other"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void newerSchemaIsRefusedNamingBothVersionsAndChangingNothing(Dialect dialect) {
    JdbcTarget target = fresh(dialect);
    try (Store store = Cairn.open(target.uri())) {
      store.update(tx -> tx.put(TASKS, "a", "alpha"));
    }
    int newer = SchemaMigrator.CURRENT_VERSION + 1;
    target.jdbi().useHandle(h -> h.execute("UPDATE " + target.prefix() + "schema_version SET version = ?", newer));

    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Cairn.open(target.uri()));
    assertTrue(e.getMessage().contains("schema version " + newer), e.getMessage());
    assertTrue(e.getMessage().contains("(" + SchemaMigrator.CURRENT_VERSION + ")"), e.getMessage());
    if (dialect == Dialect.POSTGRESQL) {
      assertFalse(e.getMessage().contains(POSTGRES.server().password()), e.getMessage());
    }
    assertEquals(newer, target.schemaVersion());
    assertEquals(1, target.count("schema_version"));
    assertEquals(JdbcTarget.TABLES, target.existingTables());
    assertEquals(1, target.count("records"));
    assertEquals(1, target.count("changes"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void twoTablePrefixesInOneDatabaseAreIndependentStores(Dialect dialect) throws Exception {
    JdbcTarget first = fresh(dialect);
    JdbcTarget second = first.withPrefix(first.prefix() + "other_");
    try (Store one = Cairn.open(first.uri()); Store two = Cairn.open(second.uri())) {
      try (Watch watchOne = one.watch(1, WatchFilter.all())) {
        one.update(tx -> tx.put(TASKS, "a", "one"));
        one.update(tx -> tx.put(TASKS, "b", "one"));
        two.update(tx -> tx.put(TASKS, "a", "two"));
        two.update(tx -> tx.delete(TASKS, "a"));
        two.update(tx -> tx.put(TASKS, "c", "two"));
        assertEquals(2, one.revision());
        assertEquals(3, two.revision());
        assertEquals(List.of("a", "b"), ids(one.view(tx -> tx.listAll(TASKS))));
        assertEquals(List.of("c"), ids(two.view(tx -> tx.listAll(TASKS))));
        assertEquals("one", one.view(tx -> tx.get(TASKS, "a")).orElseThrow().value());
        assertEquals(List.of("1 CREATE a one", "1 committed", "2 CREATE b one", "2 committed"),
            describe(watchOne, 2));
        assertEquals(null, watchOne.poll(Duration.ofMillis(100)), "a commit of the other prefix reached the watch");
      }
    }
    assertEquals(JdbcTarget.TABLES, first.existingTables().stream().filter(JdbcTarget.TABLES::contains)
        .collect(Collectors.toSet()));
    assertEquals(JdbcTarget.TABLES, second.existingTables());
    assertEquals(2, first.count("records"));
    assertEquals(1, second.count("records"));
  }

  static List<String> ids(List<Entry<String>> entries) {
    return entries.stream().map(Entry::id).collect(Collectors.toList());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the events of {@code transactions} transactions as "rev TYPE id value" and "rev committed" lines. */
  static List<String> describe(Watch watch, int transactions) throws InterruptedException {
    List<String> out = new ArrayList<>();
    int seen = 0;
    while (seen < transactions) {
      WatchEvent event = watch.poll(Duration.ofSeconds(10));
      if (event == null) {
        throw new AssertionError("no event within 10 s after " + out);
      }
      if (event instanceof WatchEvent.Changed c) {
        out.add(c.revision() + " " + c.type() + " " + c.id()
            + (c.rawValue() == null ? "" : " " + new String(c.rawValue(), StandardCharsets.UTF_8)));
      } else {
        out.add(event.revision() + " committed");
        seen++;
      }
    }
    return out;
  }
}
