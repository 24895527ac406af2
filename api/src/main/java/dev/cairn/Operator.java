package dev.cairn;

/**
 * A change in three phases (nodestore's operator), run by {@link Store#run(Operator)}:
 * {@link #modify} computes and writes, and may run several times as conflicts are retried;
 * {@link #commit} runs after the last {@code modify} of an attempt, inside that attempt's
 * transaction, for transactional side effects such as an outbox record: an attempt whose commit
 * then conflicts is discarded whole, so exactly one {@code commit}'s writes are committed;
 * {@link #finish} runs at most once, after the commit succeeded, outside any transaction, for
 * side effects that must not repeat.
 */
public interface Operator {

  /** Reads and writes; must have no side effect outside {@code tx}. */
  void modify(Transaction tx);

  /** Runs after {@link #modify}, in the same transaction; only the committing attempt's writes are kept. */
  default void commit(Transaction tx) {}

  /** Runs at most once, after a successful commit; its exceptions propagate to the caller. */
  default void finish() {}
}
