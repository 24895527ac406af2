package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Operator;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.Transaction;
import dev.cairn.TransactionConflictException;
import dev.cairn.VersionConflictException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Operator phases: modify may repeat, commit runs in the committing transaction, finish once after success. */
public interface OperatorsTck extends TckArea {

  /** Counts its phases; its modify increments a counter and commit writes an outbox record. */
  final class CountingOperator implements Operator {
    final AtomicInteger modifies = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger finishes = new AtomicInteger();
    private final Runnable duringFirstModify;

    CountingOperator(Runnable duringFirstModify) {
      this.duringFirstModify = duringFirstModify;
    }

    @Override
    public void modify(Transaction tx) {
      Task t = tx.get(Task.TASKS, "op").orElseThrow().value();
      tx.update(Task.TASKS, "op", t.withCounter(t.counter() + 1));
      if (modifies.incrementAndGet() == 1) {
        duringFirstModify.run();
      }
    }

    @Override
    public void commit(Transaction tx) {
      commits.incrementAndGet();
      long n = tx.get(Task.TASKS, "op").orElseThrow().value().counter();
      tx.create(Task.PLAIN, "outbox-" + n, "sent " + n);
    }

    @Override
    public void finish() {
      finishes.incrementAndGet();
    }
  }

  /** Under a forced conflict modify runs more than once, the outbox record lands once and finish runs once. */
  @Test
  default void phasesUnderConflict() {
    store().update(tx -> tx.create(Task.TASKS, "op", Task.named("op")));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      CountingOperator op = new CountingOperator(() -> TransactionsTck.concurrently(other,
          () -> store().update(tx -> tx.update(Task.TASKS, "op", Task.named("op").withCounter(10)))));
      long revision = store().run(op);
      assertTrue(op.modifies.get() >= 2, "modify ran again after the conflict");
      assertTrue(op.modifies.get() >= op.commits.get(), "modify runs at least as often as commit");
      assertEquals(1, op.finishes.get());
      assertEquals(revision, store().revision());
    } finally {
      other.shutdownNow();
    }
    assertEquals(11, store().view(tx -> tx.get(Task.TASKS, "op")).orElseThrow().value().counter());
    assertEquals(1, store().view(tx -> tx.listAll(Task.PLAIN)).size(), "exactly one outbox record");
    assertTrue(store().view(tx -> tx.get(Task.PLAIN, "outbox-11")).isPresent());
  }

  /** Without conflict each phase runs once. */
  @Test
  default void phasesRunOnceWithoutConflict() {
    store().update(tx -> tx.create(Task.TASKS, "op", Task.named("op")));
    CountingOperator op = new CountingOperator(() -> { });
    store().run(op);
    assertEquals(1, op.modifies.get());
    assertEquals(1, op.commits.get());
    assertEquals(1, op.finishes.get());
  }

  /** A modify that throws stops the run: nothing commits and finish never runs. */
  @Test
  default void finishNeverRunsWhenModifyFails() {
    AtomicInteger finishes = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    long before = store().revision();
    assertThrows(IllegalStateException.class, () -> store().run(new Operator() {
      @Override public void modify(Transaction tx) {
        tx.create(Task.PLAIN, "x", "x");
        throw new IllegalStateException("refused");
      }

      @Override public void commit(Transaction tx) {
        commits.incrementAndGet();
      }

      @Override public void finish() {
        finishes.incrementAndGet();
      }
    }));
    assertEquals(0, commits.get());
    assertEquals(0, finishes.get());
    assertEquals(before, store().revision());
  }

  /** A commit that fails with a version conflict runs no finish. */
  @Test
  default void finishNeverRunsWhenCommitFails() {
    long stale = store().update(tx -> tx.create(Task.PLAIN, "v", "1"));
    store().update(tx -> tx.update(Task.PLAIN, "v", "2"));
    AtomicInteger finishes = new AtomicInteger();
    assertThrows(VersionConflictException.class, () -> store().run(new Operator() {
      @Override public void modify(Transaction tx) {
        tx.update(Task.PLAIN, "v", "3", stale);
      }

      @Override public void finish() {
        finishes.incrementAndGet();
      }
    }));
    assertEquals(0, finishes.get());
    assertEquals("2", store().view(tx -> tx.get(Task.PLAIN, "v")).orElseThrow().value());
  }

  /** When every attempt conflicts, the run fails with TransactionConflictException and finish never runs. */
  @Test
  default void finishNeverRunsWhenRetriesRunOut() {
    Store store = tck().open(StoreOptions.defaults().withRetries(2, Duration.ZERO, Duration.ZERO));
    store.update(tx -> tx.create(Task.TASKS, "op", Task.named("op")));
    ExecutorService other = Executors.newSingleThreadExecutor();
    AtomicInteger finishes = new AtomicInteger();
    AtomicInteger modifies = new AtomicInteger();
    try {
      assertThrows(TransactionConflictException.class, () -> store.run(new Operator() {
        @Override public void modify(Transaction tx) {
          modifies.incrementAndGet();
          Task t = tx.get(Task.TASKS, "op").orElseThrow().value();
          tx.update(Task.TASKS, "op", t.withCounter(-1));
          TransactionsTck.concurrently(other, () -> store.update(o -> {
            Task cur = o.get(Task.TASKS, "op").orElseThrow().value();
            o.update(Task.TASKS, "op", cur.withCounter(cur.counter() + 1));
          }));
        }

        @Override public void finish() {
          finishes.incrementAndGet();
        }
      }));
    } finally {
      other.shutdownNow();
    }
    assertEquals(2, modifies.get());
    assertEquals(0, finishes.get());
    assertEquals(2, store.view(tx -> tx.get(Task.TASKS, "op")).orElseThrow().value().counter());
  }

  /** finish runs after the commit is visible, and run returns the commit revision. */
  @Test
  default void finishSeesCommittedState() {
    AtomicLong seenInFinish = new AtomicLong(-1);
    long revision = store().run(new Operator() {
      @Override public void modify(Transaction tx) {
        tx.create(Task.PLAIN, "done", "yes");
      }

      @Override public void finish() {
        seenInFinish.set(store().view(tx -> tx.get(Task.PLAIN, "done")).orElseThrow().modRevision());
      }
    });
    assertEquals(revision, seenInFinish.get());
  }
}
