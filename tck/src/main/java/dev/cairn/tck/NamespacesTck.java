package dev.cairn.tck;

import static dev.cairn.tck.TransactionsTck.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Codec;
import dev.cairn.ListOptions;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Namespace and collection isolation: no namespace sees another's data, no collection another's. */
public interface NamespacesTck extends TckArea {

  /** Collection "a" and collection "ab", whose name extends it. */
  Schema<Task> A = Schema.builder("a", Task.CODEC).name(Task::name).index("node", t -> List.of(t.node())).build();
  /** See {@link #A}. */
  Schema<Task> AB = Schema.builder("ab", Task.CODEC).name(Task::name).index("node", t -> List.of(t.node())).build();

  private Store ns(String suffix) {
    return store().withNamespace(store().namespace() + suffix);
  }

  /** Namespace "…1" never sees the records of namespace "…10". */
  @Test
  default void namespaceNeverSeesItsExtension() {
    Store ns1 = ns("1");
    Store ns10 = ns("10");
    ns10.update(tx -> tx.create(Task.TASKS, "t", Task.on("web", "n")));
    assertTrue(ns1.view(tx -> tx.get(Task.TASKS, "t")).isEmpty());
    assertTrue(ns1.view(tx -> tx.listAll(Task.TASKS)).isEmpty());
    assertTrue(ns1.view(tx -> tx.find(Task.TASKS, By.exact("node", "n"))).isEmpty());
    assertTrue(ns1.view(tx -> tx.getByName(Task.TASKS, "web")).isEmpty());
    assertEquals(0, ns1.revision());
    assertTrue(store().view(tx -> tx.listAll(Task.TASKS)).isEmpty(), "nor does the parent namespace");
  }

  /** Revisions count per namespace. */
  @Test
  default void revisionsArePerNamespace() {
    Store one = ns("1");
    Store two = ns("2");
    one.update(tx -> tx.create(Task.PLAIN, "x", "x"));
    one.update(tx -> tx.create(Task.PLAIN, "y", "y"));
    long r = two.update(tx -> tx.create(Task.PLAIN, "x", "x"));
    assertEquals(2, one.revision());
    assertEquals(1, two.revision());
    assertEquals(1, r);
  }

  /** One id and one name may live in two namespaces without conflict. */
  @Test
  default void sameIdAndNameInTwoNamespaces() {
    Store one = ns("1");
    Store two = ns("2");
    one.update(tx -> tx.create(Task.TASKS, "t", Task.named("web")));
    two.update(tx -> tx.create(Task.TASKS, "t", Task.named("web").withCounter(2)));
    assertEquals(0, one.view(tx -> tx.getByName(Task.TASKS, "web")).orElseThrow().value().counter());
    assertEquals(2, two.view(tx -> tx.getByName(Task.TASKS, "web")).orElseThrow().value().counter());
  }

  /** Collection "a" never lists, finds or names the records of collection "ab", nor the reverse. */
  @Test
  default void collectionNeverSeesItsExtension() {
    store().update(tx -> {
      tx.create(AB, "ab-1", Task.on("shared", "n"));
      tx.create(A, "a-1", Task.on("other", "m"));
    });
    assertEquals(List.of("a-1"), ids(store().view(tx -> tx.listAll(A))));
    assertEquals(List.of("ab-1"), ids(store().view(tx -> tx.listAll(AB))));
    assertTrue(store().view(tx -> tx.find(A, By.exact("node", "n"))).isEmpty());
    assertTrue(store().view(tx -> tx.find(A, By.prefix("node", ""
        + "n"))).isEmpty());
    assertTrue(store().view(tx -> tx.getByName(A, "shared")).isEmpty());
    assertTrue(store().view(tx -> tx.get(A, "ab-1")).isEmpty());
    assertTrue(store().view(tx -> tx.list(A, ListOptions.prefix("ab"))).items().isEmpty());
    store().update(tx -> tx.create(A, "a-2", Task.on("shared", "n")));
    assertEquals(2, store().view(tx -> tx.find(A, By.name("shared"))).size()
        + store().view(tx -> tx.find(AB, By.name("shared"))).size(), "one name per collection");
  }

  /** Closing a store derived with withNamespace leaves the parent open. */
  @Test
  default void closingADerivedStoreLeavesTheParentOpen() {
    Store child = ns("child");
    child.update(tx -> tx.create(Task.PLAIN, "x", "x"));
    child.close();
    store().update(tx -> tx.create(Task.PLAIN, "y", "y"));
    assertEquals(1, ns("child").view(tx -> tx.listAll(Task.PLAIN)).size(), "the child's data is still there");
  }

  /** namespace() reports the name. */
  @Test
  default void namespaceReportsItsName() {
    String name = store().namespace() + "-x";
    assertEquals(name, store().withNamespace(name).namespace());
  }

  /** A watch of "…1" sees nothing of "…10". */
  @Test
  default void watchNeverSeesItsExtension() throws Exception {
    Store ns1 = ns("1");
    Store ns10 = ns("10");
    try (Watch watch = ns1.watch(1, WatchFilter.all())) {
      ns10.update(tx -> tx.create(Task.PLAIN, "far", "x"));
      long mine = ns1.update(tx -> tx.create(Task.PLAIN, "near", "x"));
      List<WatchTck.Tx> txs = WatchTck.until(watch, mine);
      assertEquals(1, txs.size());
      assertEquals("near", txs.get(0).changes().get(0).id());
    }
  }

  /** Codec-level isolation: the same id in two collections holds two values. */
  @Test
  default void sameIdInTwoCollections() {
    Schema<String> other = Schema.of("plain2", Codec.utf8());
    store().update(tx -> {
      tx.create(Task.PLAIN, "id", "one");
      tx.create(other, "id", "two");
    });
    assertEquals("one", store().view(tx -> tx.get(Task.PLAIN, "id")).orElseThrow().value());
    assertEquals("two", store().view(tx -> tx.get(other, "id")).orElseThrow().value());
  }
}
