package dev.cairn.document;

/**
 * One large state document, read and rewritten whole, with a cache of the state it last loaded
 * or wrote: reads and runs fetch only the small pointer while its generation is current.
 * Thread-safe: a {@linkplain DocumentStore#shared shared} instance serves the whole process.
 * Obtain instances from a {@link DocumentStore}.
 *
 * @param <T> the state type; values are shared with the cache and must be treated as immutable
 */
public interface Document<T> {

  /** Returns the document id, never null. */
  String id();

  /**
   * Returns the committed state: the cached one if its generation is still current, else the
   * state loaded (and checked) from its chunks. Never a mix of generations.
   *
   * @return the state, never null; must not be changed
   * @throws dev.cairn.NotFoundException if the document does not exist
   * @throws dev.cairn.CorruptedException if the stored chunks do not match the pointer's length
   *     and checksum, or the codec cannot decode them
   * @throws dev.cairn.TransactionConflictException if concurrent writers and cleans removed the
   *     chunks of every generation it tried to load, in all its attempts
   */
  T get();

  /**
   * Returns the current committed generation (1 after create, +1 per run), reading only the pointer.
   *
   * @throws dev.cairn.NotFoundException if the document does not exist
   */
  long generation();

  /**
   * Runs an operator: loads the state (from the cache when current), calls {@code modify}, writes
   * the next state as new immutable chunks, then swaps the pointer in one transaction that checks
   * the generation is unchanged and runs {@code commit}; then calls {@code finish}. When another
   * writer committed first, the run starts again from a fresh load, up to the store's attempts.
   * A failed try leaves nothing but orphan chunks, which {@link DocumentStore#clean()} removes.
   *
   * @param operator the change, never null
   * @return the committed generation
   * @throws dev.cairn.NotFoundException if the document does not exist or was deleted meanwhile
   * @throws dev.cairn.InvalidArgumentException if {@code modify} or the codec returned null
   * @throws dev.cairn.TransactionConflictException if the generation changed under every attempt;
   *     the message names the document and the attempts
   * @throws dev.cairn.TooLargeException if {@code commit}'s writes exceed a limit of the store
   * @throws RuntimeException whatever {@code modify}, {@code commit} or {@code finish} threw; if
   *     {@code modify} or {@code commit} threw, nothing committed
   */
  long run(DocumentOperator<T> operator);
}
