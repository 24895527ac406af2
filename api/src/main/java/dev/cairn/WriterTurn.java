package dev.cairn;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What keeps an update from starving under steady writers of one namespace in this process.
 * Optimistic transactions are serializable, so an update that scans a collection conflicts with
 * every commit to that collection between its read and its commit; a writer that never pauses
 * would make it conflict forever. The policy: after {@value #CONFLICTS_BEFORE_TURN} conflicts, an
 * update takes the namespace's turn for its remaining attempts, and the process's other updates
 * of the namespace wait before their next attempt until it has committed (or gave up). Those in
 * flight when it takes the turn may still commit once, so its attempt after the next runs alone
 * among this process's writers: it commits within {@value #CONFLICTS_BEFORE_TURN} + 2 attempts
 * unless other processes write the same records.
 *
 * <p>Any wait for the turn lasts at most {@link #MAX_WAIT_MILLIS} ms, then the attempt goes on
 * without it: a turn holder whose callback waits for another thread's update (a test making a
 * conflict on purpose does) cannot deadlock the two. Costs every attempt one volatile read when no update holds the turn.
 * Thread-safe; one per namespace of an opened store.
 */
final class WriterTurn {
  /** Conflicts an update suffers before it takes the turn. */
  static final int CONFLICTS_BEFORE_TURN = 4;
  /** The longest an update waits for another's turn, in milliseconds. */
  static final long MAX_WAIT_MILLIS = 1_000;

  // Fair: updates that took the turn get it in the order they asked.
  private final ReentrantLock turn = new ReentrantLock(true);

  /**
   * Runs before attempt {@code attempt} (1 for the first) of an update: takes the turn when the
   * attempt is past {@link #CONFLICTS_BEFORE_TURN} and this update does not hold it yet, otherwise
   * waits while another update holds it. Either wait is bounded by {@link #MAX_WAIT_MILLIS}: past
   * it the attempt goes on without the turn.
   *
   * @param holding whether this update already holds the turn
   * @return whether this update holds the turn after the call; the caller then calls
   *     {@link #leave()} once when the update ends
   */
  boolean beforeAttempt(int attempt, boolean holding) {
    if (holding) {
      return true;
    }
    if (attempt > CONFLICTS_BEFORE_TURN) {
      return acquire();
    }
    if (turn.isLocked() && !turn.isHeldByCurrentThread() && acquire()) {
      turn.unlock();
    }
    return false;
  }

  /** Gives the turn back; for an update that {@link #beforeAttempt} said holds it. */
  void leave() {
    turn.unlock();
  }

  /** Takes the turn, waiting at most {@link #MAX_WAIT_MILLIS}; returns whether it did. */
  private boolean acquire() {
    try {
      return turn.tryLock(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for a starved update of the namespace to commit");
    }
  }
}
