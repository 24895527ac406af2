package dev.cairn.document;

import dev.cairn.Transaction;

/**
 * A change of a document in three phases (nodestore's operator), run by
 * {@link Document#run(DocumentOperator)}.
 *
 * <ul>
 *   <li>{@link #modify} computes the next state from the current one. It may run several times,
 *       once per try, when another writer committed first; it must be pure and must not change
 *       {@code current}, which is shared with the document's cache and with concurrent readers.
 *   <li>{@link #commit} runs inside the transaction that swaps the document's pointer, for
 *       transactional side effects such as an outbox record: exactly one {@code commit}'s writes
 *       are committed, together with the new state.
 *   <li>{@link #finish} runs at most once, after the new state committed, outside any transaction.
 * </ul>
 *
 * @param <T> the state type
 */
@FunctionalInterface
public interface DocumentOperator<T> {

  /**
   * Returns the next state.
   *
   * @param current the committed state, never null; must not be changed
   * @return the next state, never null (null fails the run with {@link dev.cairn.InvalidArgumentException})
   */
  T modify(T current);

  /**
   * Writes transactional side effects of the change through {@code tx}, in the transaction that
   * commits {@code next}. If that transaction conflicts and runs again, so does this method, and
   * only the last run's writes commit; an exception fails the run and commits nothing.
   *
   * @param tx the pointer-swap transaction, confined to this call
   * @param next the state being committed, never null
   */
  default void commit(Transaction tx, T next) {}

  /**
   * Runs at most once, after {@code next} committed; its exceptions propagate to the caller of
   * {@code run} (the state stays committed).
   *
   * @param next the committed state, never null
   */
  default void finish(T next) {}
}
