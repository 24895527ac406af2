package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.By;
import dev.cairn.CairnException;
import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ErrorCode;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.TooLargeException;
import dev.cairn.Transaction;
import dev.cairn.Watch;
import dev.cairn.WatchFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input: every {@link InvalidArgumentException} and {@link TooLargeException} case. Each
 * says what was wrong, and a transaction that hit one writes nothing, not even its valid writes.
 */
public interface BadInputTck extends TckArea {

  /** Values are their own index key, so a test chooses the key by choosing the value. */
  Schema<String> KEYED = Schema.builder("keyed", Codec.utf8()).index("key", List::of).build();
  /** A collection of raw bytes, for values of an exact size. */
  Schema<byte[]> BIN = Schema.of("bin", Codec.bytes());
  /** The largest value limit for which the kit builds a value just over it. */
  long OVERSIZE_CAP = 64L << 20;

  /** Ids that are not valid, each with a word its error message must contain. */
  private static Map<String, String> badIds() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("", "empty");
    bad.put("a\u0000b", "NUL");
    bad.put("\u0000", "NUL");
    bad.put("lone\uD800high", "surrogate");
    bad.put("\uDC00lone low", "surrogate");
    bad.put("ends high\uD83D", "surrogate");
    bad.put("x".repeat(513), "513");
    bad.put("é".repeat(256) + "x", "513");
    bad.put("€".repeat(171), "513");
    bad.put("😀".repeat(128) + "x", "513");
    return bad;
  }

  /** Asserts {@code action} fails with {@code type}, its code, and a message holding every fragment. */
  private static <X extends CairnException> X rejected(Class<X> type, ErrorCode code, Executable action,
      String... mentions) {
    X e = assertThrows(type, action);
    assertEquals(code, e.code(), "code of " + e);
    for (String fragment : mentions) {
      assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
          "message must mention '" + fragment + "': " + e.getMessage());
    }
    return e;
  }

  /** Asserts {@code action} fails as an invalid argument naming every fragment. */
  private static InvalidArgumentException invalid(Executable action, String... mentions) {
    return rejected(InvalidArgumentException.class, ErrorCode.INVALID_ARGUMENT, action, mentions);
  }

  /** Runs {@code writes} after a valid create in one update, expecting it to fail and commit nothing. */
  private void refusedWithNothingWritten(Consumer<Transaction> writes, String... mentions) {
    long before = store().revision();
    invalid(() -> store().update(tx -> {
      tx.create(Task.PLAIN, "innocent", "valid write before the bad one");
      writes.accept(tx);
    }), mentions);
    assertEquals(before, store().revision(), "a refused transaction must not commit");
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "innocent")).isEmpty(), "the valid write must not commit");
  }

  /** Collection names outside [a-z][a-z0-9_-]{0,62} are refused; the edges of the rule work. */
  @Test
  default void invalidCollectionNamesAreRefused() {
    for (String bad : List.of("", "Tasks", "tasKs", "1tasks", "-tasks", "_tasks", "a".repeat(64), "a/b",
        "a b", "a.b", "tâches", "tasks\n")) {
      invalid(() -> Schema.builder(bad, Codec.utf8()), "collection name", bad.trim());
    }
    invalid(() -> Schema.of(null, Codec.utf8()), "collection name", "null");
    List<String> good = List.of("a", "a".repeat(63), "z9_-x", "x0");
    for (String name : good) {
      Schema<String> schema = Schema.of(name, Codec.utf8());
      store().update(tx -> tx.create(schema, "id", name));
      assertEquals(name, store().view(tx -> tx.get(schema, "id")).orElseThrow().value());
    }
  }

  /** Index names follow the collection rule; "_name" is reserved; none may be declared twice. */
  @Test
  default void invalidIndexNamesAreRefused() {
    for (String bad : List.of("", "Node", "1node", "-node", "_name", "a".repeat(64), "a/b", "a b")) {
      invalid(() -> Schema.builder("ok", Codec.utf8()).index(bad, List::of), "index name", bad);
      invalid(() -> By.exact(bad, "key"), "index name", bad);
      invalid(() -> By.prefix(bad, "key"), "index name", bad);
    }
    invalid(() -> Schema.builder("ok", Codec.utf8()).index(null, List::of), "index name", "null");
    invalid(() -> Schema.builder("ok", Codec.utf8()).index("dup", List::of).index("dup", List::of),
        "dup", "twice");
    Schema<String> edge = Schema.builder("edge", Codec.utf8()).index("a".repeat(63), List::of).build();
    store().update(tx -> tx.create(edge, "r", "k"));
    assertEquals(1, store().view(tx -> tx.find(edge, By.exact("a".repeat(63), "k"))).size());
  }

  /** Every read and write refuses a bad id, naming the problem, and writes nothing. */
  @Test
  default void invalidIdsAreRefusedEverywhere() {
    store().update(tx -> tx.create(Task.PLAIN, "existing", "v"));
    Map<String, String> bad = badIds();
    bad.put(null, "null");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      String id = c.getKey();
      String[] why = {"id", c.getValue()};
      refusedWithNothingWritten(tx -> tx.create(Task.PLAIN, id, "v"), why);
      refusedWithNothingWritten(tx -> tx.put(Task.PLAIN, id, "v"), why);
      refusedWithNothingWritten(tx -> tx.update(Task.PLAIN, id, "v"), why);
      refusedWithNothingWritten(tx -> tx.update(Task.PLAIN, id, "v", 1), why);
      refusedWithNothingWritten(tx -> tx.delete(Task.PLAIN, id), why);
      refusedWithNothingWritten(tx -> tx.delete(Task.PLAIN, id, 1), why);
      invalid(() -> store().view(tx -> tx.get(Task.PLAIN, id)), why);
    }
    assertEquals(List.of("existing"), ids(store().view(tx -> tx.listAll(Task.PLAIN))));
  }

  /** The id limit is 512 UTF-8 bytes, not 512 chars: multibyte ids at exactly 512 bytes work. */
  @Test
  default void idsUpTo512Utf8BytesAreAccepted() {
    List<String> edge = List.of("x".repeat(512), "é".repeat(256), "€".repeat(170) + "ab", "😀".repeat(128),
        "a", "\uFFFF", "😀", "id with spaces/slashes:and?query#frag");
    store().update(tx -> edge.forEach(id -> tx.create(Task.PLAIN, id, id)));
    store().view(tx -> {
      for (String id : edge) {
        assertEquals(id, tx.get(Task.PLAIN, id).orElseThrow().value(), "id of " + id.length() + " chars");
      }
      assertEquals(edge.size(), tx.listAll(Task.PLAIN).size());
      return null;
    });
    for (String over : badIds().keySet()) {
      if (over.length() > 100) {
        invalid(() -> store().update(tx -> tx.create(Task.PLAIN, over, "v")), "512");
      }
    }
  }

  /** A namespace outside [a-z0-9][a-z0-9_-]{0,62} is refused; a 63-character one works. */
  @Test
  default void invalidNamespacesAreRefused() {
    for (String bad : List.of("", "Upper", "-x", "_x", "a".repeat(64), "a/b", "a b", "a.b", "ns\n")) {
      invalid(() -> store().withNamespace(bad), "namespace", bad.trim());
      invalid(() -> StoreOptions.defaults().withNamespace(bad), "namespace", bad.trim());
    }
    invalid(() -> store().withNamespace(null), "namespace", "null");
    String base = store().namespace();
    assumeTrue(base.length() < 63, "the store's namespace leaves no room for a longer one");
    Store longest = store().withNamespace(base + "x".repeat(63 - base.length()));
    longest.update(tx -> tx.create(Task.PLAIN, "r", "v"));
    assertEquals("v", longest.view(tx -> tx.get(Task.PLAIN, "r")).orElseThrow().value());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "r")).isEmpty(), "namespaces are separate");
  }

  /** Record names follow the id rule (at most 512 UTF-8 bytes, no NUL...), on write and on lookup. */
  @Test
  default void invalidNamesAreRefused() {
    Map<String, String> bad = badIds();
    for (Map.Entry<String, String> c : bad.entrySet()) {
      String name = c.getKey();
      refusedWithNothingWritten(tx -> tx.create(Task.TASKS, "t", Task.named(name)), "name", c.getValue());
      refusedWithNothingWritten(tx -> tx.put(Task.TASKS, "t", Task.named(name)), "name", c.getValue());
      invalid(() -> store().view(tx -> tx.getByName(Task.TASKS, name)), "name", c.getValue());
      invalid(() -> By.name(name), "name", c.getValue());
    }
    invalid(() -> By.name(null), "name", "null");
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "t")).isEmpty());
    String longest = "é".repeat(256);
    store().update(tx -> tx.create(Task.TASKS, "t", Task.named(longest)));
    assertEquals("t", store().view(tx -> tx.getByName(Task.TASKS, longest)).orElseThrow().id());
  }

  /** Index keys follow the id rule; a bad key refuses the write naming the index; lookups too. */
  @Test
  default void invalidIndexKeysAreRefused() {
    for (Map.Entry<String, String> c : badIds().entrySet()) {
      String key = c.getKey();
      refusedWithNothingWritten(tx -> tx.create(KEYED, "r", key), "index 'key'", c.getValue());
      refusedWithNothingWritten(tx -> tx.put(Task.TASKS, "t", Task.named("t").withLabels("ok", key)),
          "index 'label'", c.getValue());
      invalid(() -> By.exact("key", key), "key", c.getValue());
      invalid(() -> By.prefix("key", key), "prefix", c.getValue());
    }
    Schema<String> nullKeys = Schema.builder("nullkeys", Codec.utf8())
        .index("key", v -> Arrays.asList("fine", null)).build();
    refusedWithNothingWritten(tx -> tx.create(nullKeys, "r", "v"), "index 'key'", "null");
    store().update(tx -> tx.create(KEYED, "r", "€".repeat(170) + "ab"));
    assertEquals(1, store().view(tx -> tx.find(KEYED, By.exact("key", "€".repeat(170) + "ab"))).size());
  }

  /** A null value is refused on create, put and update, and the stored value stays. */
  @Test
  default void nullValuesAreRefused() {
    long revision = store().update(tx -> tx.create(Task.PLAIN, "existing", "v"));
    refusedWithNothingWritten(tx -> tx.create(Task.PLAIN, "new", null), "value", "null");
    refusedWithNothingWritten(tx -> tx.put(Task.PLAIN, "new", null), "value", "null");
    refusedWithNothingWritten(tx -> tx.put(Task.PLAIN, "existing", null), "value", "null");
    refusedWithNothingWritten(tx -> tx.update(Task.PLAIN, "existing", null), "value", "null");
    refusedWithNothingWritten(tx -> tx.update(Task.PLAIN, "existing", null, revision), "value", "null");
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "new")).isEmpty());
    assertEquals(new Entry<>("existing", "v", revision, revision),
        store().view(tx -> tx.get(Task.PLAIN, "existing")).orElseThrow());
  }

  /** A value one byte over the backend's limit is TOO_LARGE, naming size and limit; nothing is written. */
  @Test
  default void valueOverTheLimitIsTooLarge() {
    long max = tck().capabilities().maxValueBytes();
    assumeTrue(max <= OVERSIZE_CAP, "the backend's value limit (" + max + " bytes) is too large to exceed in a test");
    byte[] small = {1, 2, 3};
    long revision = store().update(tx -> tx.create(BIN, "existing", small));
    byte[] over = new byte[(int) max + 1];
    List<Consumer<Transaction>> attempts = List.of(
        tx -> tx.create(BIN, "new", over),
        tx -> tx.put(BIN, "new", over),
        tx -> tx.put(BIN, "existing", over),
        tx -> tx.update(BIN, "existing", over));
    for (Consumer<Transaction> attempt : attempts) {
      rejected(TooLargeException.class, ErrorCode.TOO_LARGE, () -> store().update(tx -> {
        tx.create(Task.PLAIN, "innocent", "v");
        attempt.accept(tx);
      }), String.valueOf(max + 1), String.valueOf(max));
      assertEquals(revision, store().revision());
    }
    store().view(tx -> {
      assertTrue(tx.get(BIN, "new").isEmpty());
      assertTrue(tx.get(Task.PLAIN, "innocent").isEmpty());
      assertArrayEquals(small, tx.get(BIN, "existing").orElseThrow().value());
      return null;
    });
  }

  /** A transaction with more writes than the backend takes in one commit is TOO_LARGE and writes nothing. */
  @Test
  default void tooManyWritesInOneTransactionIsTooLarge() {
    int max = tck().capabilities().maxWritesPerCommit();
    assumeTrue(max <= 100_000, "the backend's writes per commit (" + max + ") are too many to exceed in a test");
    long revision = store().revision();
    rejected(TooLargeException.class, ErrorCode.TOO_LARGE, () -> store().update(tx -> {
      for (int i = 0; i <= max; i++) {
        tx.create(Task.PLAIN, Integer.toString(i), "");
      }
    }), String.valueOf(max + 1), String.valueOf(max));
    assertEquals(revision, store().revision());
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "0")).isEmpty());
  }

  /** Page sizes outside 1..MAX_LIMIT are refused naming the size; both edges work. */
  @Test
  default void listLimitsOutsideTheRangeAreRefused() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE, ListOptions.MAX_LIMIT + 1, Integer.MAX_VALUE}) {
      invalid(() -> ListOptions.all().limit(bad), String.valueOf(bad), String.valueOf(ListOptions.MAX_LIMIT));
    }
    store().update(tx -> tx.create(Task.PLAIN, "a", "v"));
    assertEquals(1, store().view(tx -> tx.list(Task.PLAIN, ListOptions.all().limit(1))).items().size());
    assertEquals(1, store().view(tx -> tx.list(Task.PLAIN, ListOptions.all().limit(ListOptions.MAX_LIMIT)))
        .items().size());
  }

  /** Listing bounds, prefixes and cursors follow the id rule; a range must not end before it starts. */
  @Test
  default void invalidListingBoundsAreRefused() {
    invalid(() -> ListOptions.range("m2", "m1"), "'m2'", "'m1'");
    // In code-point order U+1F600 sorts after U+FFFF, though its UTF-16 form sorts before.
    invalid(() -> ListOptions.range("😀", "\uFFFF"), "range");
    for (Map.Entry<String, String> c : badIds().entrySet()) {
      invalid(() -> ListOptions.prefix(c.getKey()), "prefix", c.getValue());
      invalid(() -> ListOptions.range(c.getKey(), null), "range start", c.getValue());
      invalid(() -> ListOptions.range(null, c.getKey()), "range end", c.getValue());
      invalid(() -> ListOptions.all().after(c.getKey()), "cursor", c.getValue());
    }
    store().update(tx -> {
      tx.create(Task.PLAIN, "\uFFFF", "v");
      tx.create(Task.PLAIN, "😀", "v");
    });
    assertEquals(List.of("\uFFFF"), ids(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("\uFFFF", "😀")))
        .items()));
    assertTrue(store().view(tx -> tx.list(Task.PLAIN, ListOptions.range("m", "m"))).items().isEmpty());
  }

  /** A watch must start at revision 1 or later. */
  @Test
  default void watchFromRevisionZeroIsRefused() {
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      invalid(() -> store().watch(bad, WatchFilter.all()).close(), "revision", String.valueOf(bad));
    }
    try (Watch fromOne = store().watch(1, WatchFilter.all())) {
      assertTrue(fromOne != null);
    }
  }

  /** Looking up an index the schema does not declare is refused, naming index and collection. */
  @Test
  default void findOnUndeclaredIndexIsRefused() {
    store().update(tx -> tx.create(Task.TASKS, "t", Task.on("t", "n1")));
    invalid(() -> store().view(tx -> tx.find(Task.TASKS, By.exact("nosuch", "n1"))), "nosuch", "tasks");
    invalid(() -> store().view(tx -> tx.find(Task.TASKS, By.prefix("nosuch", "n"))), "nosuch", "tasks");
    invalid(() -> store().view(tx -> tx.find(Task.TASKS, By.or(By.exact("node", "n1"), By.exact("nosuch", "n1")))),
        "nosuch");
    invalid(() -> store().view(tx -> tx.find(Task.PLAIN, By.exact("node", "n1"))), "node", "plain");
    refusedWithNothingWritten(tx -> tx.find(Task.TASKS, By.exact("nosuch", "x")), "nosuch");
    invalid(By::or, "alternative");
  }

  /** Name lookups on a schema that declares no name are refused, naming the collection. */
  @Test
  default void nameLookupOnUnnamedSchemaIsRefused() {
    store().update(tx -> tx.create(Task.PLAIN, "x", "x"));
    invalid(() -> store().view(tx -> tx.getByName(Task.PLAIN, "x")), "plain", "name");
    invalid(() -> store().view(tx -> tx.find(Task.PLAIN, By.name("x"))), "plain", "name");
    invalid(() -> store().view(tx -> tx.find(Task.PLAIN, By.namePrefix("x"))), "plain", "name");
    refusedWithNothingWritten(tx -> tx.getByName(Task.PLAIN, "x"), "plain");
  }

  /** A view's transaction cannot write, even when cast to a Transaction. */
  @Test
  default void viewCannotWrite() {
    long revision = store().update(tx -> tx.create(Task.PLAIN, "existing", "v"));
    List<Consumer<Transaction>> writes = List.of(
        tx -> tx.create(Task.PLAIN, "new", "v"),
        tx -> tx.put(Task.PLAIN, "new", "v"),
        tx -> tx.update(Task.PLAIN, "existing", "changed"),
        tx -> tx.update(Task.PLAIN, "existing", "changed", revision),
        tx -> tx.delete(Task.PLAIN, "existing"),
        tx -> tx.delete(Task.PLAIN, "existing", revision));
    for (Consumer<Transaction> write : writes) {
      // A view whose transaction does not implement Transaction cannot write at all: nothing to check.
      store().view(tx -> {
        if (tx instanceof Transaction) {
          invalid(() -> write.accept((Transaction) tx), "view");
        }
        return null;
      });
    }
    assertEquals(revision, store().revision());
    assertEquals(List.of(new Entry<>("existing", "v", revision, revision)),
        store().view(tx -> tx.listAll(Task.PLAIN)));
  }

  /** Opening an empty URI, or one whose scheme no provider claims, names the problem. */
  @Test
  default void openWithBadUriIsRefused() {
    for (String empty : new String[] {"", "   ", null}) {
      invalid(() -> Cairn.open(empty).close(), "URI");
    }
    InvalidArgumentException e = invalid(() -> Cairn.open("nosuch-scheme:somewhere").close(),
        "nosuch-scheme", "schemes found");
    // Only schemes of providers on the class path may be listed, so the bad one is named once.
    String message = e.getMessage();
    assertEquals(message.indexOf("nosuch-scheme"), message.lastIndexOf("nosuch-scheme"), message);
  }

  /** A password in a URI never appears in an error's message or in any of its causes. */
  @Test
  default void passwordInUriIsNeverShown() {
    List<String> uris = List.of(
        "nosuch://user:hunter2@host/db?password=hunter3",
        "nosuch://user:hunter2@host:5432/db?sslmode=off&PASSWORD=hunter3&token=hunter4",
        "nosuch:db?secret=hunter3;pwd=hunter4&api_key=hunter2");
    for (String uri : uris) {
      CairnException e = assertThrows(CairnException.class, () -> Cairn.open(uri).close());
      List<String> shown = new ArrayList<>();
      for (Throwable t = e; t != null; t = t.getCause()) {
        shown.add(String.valueOf(t.getMessage()));
        shown.add(t.toString());
        for (Throwable s : t.getSuppressed()) {
          shown.add(s.toString());
        }
      }
      for (String text : shown) {
        for (String secret : List.of("hunter2", "hunter3", "hunter4")) {
          assertFalse(text.contains(secret), "'" + secret + "' leaked from " + uri + " into: " + text);
        }
      }
      assertTrue(e.getMessage().contains("nosuch"), "the bad scheme is still named: " + e.getMessage());
    }
  }

  private static <T> List<String> ids(List<Entry<T>> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(en -> out.add(en.id()));
    return out;
  }
}
