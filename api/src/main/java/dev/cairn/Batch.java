package dev.cairn;

import java.util.function.Consumer;

/**
 * Collects many changes into several transactions ({@link Store#batch}). Each unit passed to
 * {@link #update} commits whole, in one transaction with neighbouring units; a transaction
 * closes once it holds the batch's change or byte limit. The batch as a whole is not atomic.
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
