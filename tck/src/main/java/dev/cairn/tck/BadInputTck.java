package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.By;
import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.ErrorCode;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.Names;
import dev.cairn.Schema;
import dev.cairn.TooLargeException;
import dev.cairn.Transaction;
import dev.cairn.WatchFilter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: every InvalidArgument and TooLarge case, each naming what was wrong and writing nothing. */
public interface BadInputTck extends TckArea {

  /** Asserts the update fails with InvalidArgument mentioning {@code mention}, and that nothing was written. */
  private void refused(String mention, Consumer<Transaction> update) {
    long before = store().revision();
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> store().update(update));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains(mention), "message names '" + mention + "': " + e.getMessage());
    assertEquals(before, store().revision(), "nothing was written");
  }

  private static void invalid(String mention, Executable call) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
    assertTrue(e.getMessage().contains(mention), "message names '" + mention + "': " + e.getMessage());
  }

  /** Invalid collection names are refused when the schema is declared. */
  @Test
  default void invalidCollectionNames() {
    for (String bad : List.of("", "Tasks", "1tasks", "a".repeat(64), "a/b", "a b", "_x", "tâches")) {
      invalid("collection name", () -> Schema.of(bad, Codec.utf8()));
    }
    assertEquals("a".repeat(63), Schema.of("a".repeat(63), Codec.utf8()).collection());
  }

  /** Invalid index names are refused, and so is declaring one twice. */
  @Test
  default void invalidIndexNames() {
    invalid("index name", () -> Schema.builder("x", Codec.utf8()).index("Bad", v -> List.of()));
    invalid("index name", () -> Schema.builder("x", Codec.utf8()).index("_name", v -> List.of()));
    invalid("twice", () -> Schema.builder("x", Codec.utf8()).index("i", v -> List.of()).index("i", v -> List.of()));
  }

  /** Empty and null ids are refused. */
  @Test
  default void emptyAndNullIds() {
    refused("record id", tx -> tx.create(Task.PLAIN, "", "v"));
    refused("record id", tx -> tx.create(Task.PLAIN, null, "v"));
    invalid("record id", () -> store().view(tx -> tx.get(Task.PLAIN, "")));
  }

  /** Ids of 512 UTF-8 bytes are accepted, 513 refused, counting multi-byte characters by their bytes. */
  @Test
  default void idLengthCountsUtf8Bytes() {
    store().update(tx -> tx.create(Task.PLAIN, "a".repeat(512), "ok"));
    store().update(tx -> tx.create(Task.PLAIN, "é".repeat(256), "ok"));
    store().update(tx -> tx.create(Task.PLAIN, "😀".repeat(128), "ok"));
    refused("513", tx -> tx.create(Task.PLAIN, "a".repeat(513), "v"));
    refused("514", tx -> tx.create(Task.PLAIN, "é".repeat(257), "v"));
    refused("513", tx -> tx.create(Task.PLAIN, "€".repeat(171), "v"));
    assertEquals(3, store().view(tx -> tx.listAll(Task.PLAIN)).size());
  }

  /** Ids holding NUL or a lone surrogate are refused. */
  @Test
  default void malformedIds() {
    refused("NUL", tx -> tx.create(Task.PLAIN, "a\u0000b", "v"));
    refused("surrogate", tx -> tx.create(Task.PLAIN, "a\ud800b", "v"));
    refused("surrogate", tx -> tx.create(Task.PLAIN, "\udc00", "v"));
  }

  /** Invalid namespace names are refused. */
  @Test
  default void invalidNamespaces() {
    for (String bad : List.of("", "Upper", "-lead", "a/b", "a".repeat(64), "a b")) {
      invalid("namespace", () -> store().withNamespace(bad));
    }
  }

  /** Names and index keys over 512 bytes, empty or null are refused. */
  @Test
  default void invalidNamesAndIndexKeys() {
    refused("name", tx -> tx.create(Task.TASKS, "t", Task.named("n".repeat(513))));
    refused("name", tx -> tx.create(Task.TASKS, "t", Task.named("")));
    refused("index 'node'", tx -> tx.create(Task.TASKS, "t", Task.on(null, "k".repeat(513))));
    refused("index 'label'", tx -> tx.create(Task.TASKS, "t", Task.named(null).withLabels("ok", "")));
  }

  /** Null values are refused. */
  @Test
  default void nullValues() {
    refused("null", tx -> tx.create(Task.PLAIN, "x", null));
    store().update(tx -> tx.create(Task.PLAIN, "y", "v"));
    refused("null", tx -> tx.update(Task.PLAIN, "y", null));
  }

  /** A value over the backend's limit fails with TooLarge and writes nothing. */
  @Test
  default void oversizedValue() {
    long limit = tck().capabilities().maxValueBytes();
    assumeTrue(limit <= 64L << 20, "the backend's value limit (" + limit + " bytes) is too large to test here");
    long before = store().revision();
    byte[] big = new byte[(int) limit + 1];
    TooLargeException e = assertThrows(TooLargeException.class,
        () -> store().update(tx -> tx.create(CrudTck.BYTES, "big", big)));
    assertEquals(ErrorCode.TOO_LARGE, e.code());
    assertTrue(e.getMessage().contains(String.valueOf(limit)), e.getMessage());
    assertEquals(before, store().revision());
  }

  /** Page sizes outside 1..MAX_LIMIT and inverted ranges are refused. */
  @Test
  default void invalidListOptions() {
    invalid("page size", () -> ListOptions.all().limit(0));
    invalid("page size", () -> ListOptions.all().limit(ListOptions.MAX_LIMIT + 1));
    invalid("after its end", () -> ListOptions.range("b", "a"));
    invalid("id prefix", () -> ListOptions.prefix(""));
  }

  /** A watch from revision 0 or below is refused. */
  @Test
  default void watchFromBeforeOne() {
    invalid("revision", () -> store().watch(0, WatchFilter.all()));
    invalid("revision", () -> store().watch(-5, WatchFilter.all()));
  }

  /** Finding by an undeclared index or by name on an unnamed schema is refused. */
  @Test
  default void undeclaredLookups() {
    invalid("no index 'zone'", () -> store().view(tx -> tx.find(Task.TASKS, By.exact("zone", "z"))));
    invalid("declares no name", () -> store().view(tx -> tx.getByName(Task.PLAIN, "x")));
    invalid("declares no name", () -> store().view(tx -> tx.find(Task.PLAIN, By.name("x"))));
    invalid("alternative", () -> By.or());
  }

  /** A view cannot write, even when its transaction is cast. */
  @Test
  default void viewsCannotWrite() {
    invalid("view", () -> store().view(tx -> ((Transaction) tx).create(Task.PLAIN, "x", "v")));
    assertEquals(0, store().revision());
  }

  /** Opening an empty URI or an unknown scheme is refused, naming the scheme and what was found. */
  @Test
  default void badStoreUris() {
    invalid("empty", () -> Cairn.open(""));
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Cairn.open("nosuch://host/db"));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    assertTrue(e.getMessage().contains("schemes found"), e.getMessage());
  }

  /** A password in a URI never appears in an error message. */
  @Test
  default void passwordsNeverShow() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> Cairn.open("nosuch://admin:hunter2@host/db?password=hunter3&user=admin"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter3"), e.getMessage());
    assertTrue(e.getMessage().contains("admin"), "the user may show: " + e.getMessage());
  }

  /** The id rule is the one {@link Names} states. */
  @Test
  default void idRuleIsPublic() {
    assertEquals(512, Names.MAX_ID_BYTES);
    invalid("record id", () -> Names.checkId("x".repeat(513)));
  }
}
