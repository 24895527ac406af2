package dev.cairn;

/**
 * A change in three phases (nodestore's operator), run by {@link Store#run(Operator)}:
 * {@link #modify} computes and writes, and may run several times as conflicts are retried;
 * {@link #commit} runs exactly once, inside the transaction that commits, for transactional
 * side effects such as an outbox record; {@link #finish} runs at most once, after the commit
 * succeeded, outside any transaction, for side effects that must not repeat.
 */
public interface Operator {

  /** Reads and writes; must have no side effect outside {@code tx}. */
  void modify(Transaction tx);

  /** Runs once, in the transaction that is about to commit, after the last {@link #modify}. */
  default void commit(Transaction tx) {}

  /** Runs at most once, after a successful commit; its exceptions propagate to the caller. */
  default void finish() {}
}
