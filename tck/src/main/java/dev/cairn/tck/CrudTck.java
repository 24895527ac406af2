package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Entry;
import org.junit.jupiter.api.Test;

/** Create, read, update and delete of single records, and their errors. */
public interface CrudTck extends TckArea {

  @Test
  default void createdRecordIsReadBack() {
    long revision = store().update(tx -> tx.create(Task.TASKS, "t1", Task.named("one")));
    Entry<Task> read = store().view(tx -> tx.get(Task.TASKS, "t1")).orElseThrow();
    assertEquals(Task.named("one"), read.value());
    assertEquals(revision, read.createRevision());
    assertEquals(revision, read.modRevision());
  }

  @Test
  default void absentRecordReadsEmpty() {
    assertTrue(store().view(tx -> tx.get(Task.TASKS, "nope")).isEmpty());
  }
}
