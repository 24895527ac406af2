package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.By;
import dev.cairn.Capabilities.Feature;
import dev.cairn.Store;
import org.junit.jupiter.api.Test;

/** Durability: what a persistent backend committed survives closing and reopening the store. */
public interface DurabilityTck extends TckArea {

  /** Records, names and index entries survive a reopen. */
  @Test
  default void committedDataSurvivesReopen() {
    require(Feature.PERSISTENT);
    store().update(tx -> {
      tx.create(Task.TASKS, "t1", Task.on("web", "n1").withCounter(3));
      tx.create(Task.PLAIN, "p", "plain");
    });
    Store again = tck().reopen(store());
    assertEquals(3, again.view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow().value().counter());
    assertEquals("t1", again.view(tx -> tx.getByName(Task.TASKS, "WEB")).orElseThrow().id());
    assertEquals(1, again.view(tx -> tx.find(Task.TASKS, By.exact("node", "n1"))).size());
    assertEquals("plain", again.view(tx -> tx.get(Task.PLAIN, "p")).orElseThrow().value());
  }

  /** Revisions continue after a reopen, and versions are kept. */
  @Test
  default void revisionsContinueAfterReopen() {
    require(Feature.PERSISTENT);
    long created = store().update(tx -> tx.create(Task.PLAIN, "a", "1"));
    long updated = store().update(tx -> tx.update(Task.PLAIN, "a", "2"));
    Store again = tck().reopen(store());
    assertEquals(updated, again.revision());
    assertEquals(created, again.view(tx -> tx.get(Task.PLAIN, "a")).orElseThrow().createRevision());
    assertEquals(updated + 1, again.update(tx -> tx.create(Task.PLAIN, "b", "b")));
  }

  /** Deletes survive a reopen. */
  @Test
  default void deletesSurviveReopen() {
    require(Feature.PERSISTENT);
    store().update(tx -> tx.create(Task.TASKS, "gone", Task.named("gone")));
    store().update(tx -> tx.delete(Task.TASKS, "gone"));
    Store again = tck().reopen(store());
    assertTrue(again.view(tx -> tx.get(Task.TASKS, "gone")).isEmpty());
    assertTrue(again.view(tx -> tx.getByName(Task.TASKS, "gone")).isEmpty());
  }
}
