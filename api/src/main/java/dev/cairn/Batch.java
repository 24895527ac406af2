package dev.cairn;

import java.util.function.Consumer;

/**
 * Collects many changes into several transactions ({@link Store#batch}). Each unit passed to
 * {@link #update} commits whole, in one transaction with neighbouring units; a transaction
 * holds at most the batch's change and byte limits (a unit that would exceed them starts the next
 * transaction; only a unit over a limit on its own commits alone, past it). The batch as a whole
 * is not atomic.
 */
public interface Batch {

  /**
   * Runs one unit of changes. The unit may run again if its transaction conflicts, so it must
   * have no side effects outside {@code tx}.
   *
   * @throws BatchFailedException if this unit or the transaction it joined failed
   */
  void update(Consumer<Transaction> unit);
}
