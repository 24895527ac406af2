package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer turn: taken after repeated conflicts, waited for by the other updates, never a deadlock. */
class WriterTurnTest {

  /** Attempts up to the conflict limit run freely; the next one takes the turn and keeps it. */
  @Test
  void takesTheTurnAfterItsConflicts() {
    WriterTurn turn = new WriterTurn();
    for (int attempt = 1; attempt <= WriterTurn.CONFLICTS_BEFORE_TURN; attempt++) {
      assertFalse(turn.beforeAttempt(attempt, false), "attempt " + attempt + " runs without the turn");
    }
    assertTrue(turn.beforeAttempt(WriterTurn.CONFLICTS_BEFORE_TURN + 1, false));
    assertTrue(turn.beforeAttempt(WriterTurn.CONFLICTS_BEFORE_TURN + 2, true), "kept for the later attempts");
    assertFalse(turn.beforeAttempt(1, false), "the holder's own nested update is not held up");
    turn.leave();
  }

  /** Another thread's update waits for the holder before its attempt, and goes on when the holder leaves. */
  @Test
  void othersWaitUntilTheHolderLeaves() throws Exception {
    WriterTurn turn = new WriterTurn();
    assertTrue(turn.beforeAttempt(WriterTurn.CONFLICTS_BEFORE_TURN + 1, false));
    CountDownLatch attempted = new CountDownLatch(1);
    Thread other = new Thread(() -> {
      turn.beforeAttempt(1, false);
      attempted.countDown();
    });
    other.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (other.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(Thread.State.TIMED_WAITING, other.getState(), "the other update waits for the turn");
    assertEquals(1, attempted.getCount(), "and has not started its attempt");
    turn.leave();
    assertTrue(attempted.await(5, TimeUnit.SECONDS), "it starts once the holder leaves");
  }

  /** A holder that never leaves holds the others up for a bounded time only. */
  @Test
  void waitIsBounded() throws Exception {
    WriterTurn turn = new WriterTurn();
    assertTrue(turn.beforeAttempt(WriterTurn.CONFLICTS_BEFORE_TURN + 1, false));
    CountDownLatch attempted = new CountDownLatch(1);
    boolean[] tookTurn = new boolean[1];
    Thread other = new Thread(() -> {
      tookTurn[0] = turn.beforeAttempt(WriterTurn.CONFLICTS_BEFORE_TURN + 1, false);
      attempted.countDown();
    });
    other.start();
    assertTrue(attempted.await(WriterTurn.MAX_WAIT_MILLIS + 5_000, TimeUnit.MILLISECONDS), "the wait ended");
    assertFalse(tookTurn[0], "without the turn, which the holder still has");
    turn.leave();
  }
}
