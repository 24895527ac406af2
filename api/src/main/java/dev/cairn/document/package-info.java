/**
 * Large state documents (nodestore): one value per id, read and rewritten whole, stored as
 * immutable chunks behind a small generation-checked pointer, built on the public
 * {@link dev.cairn.Store} API so that it works on every backend. Start at
 * {@link dev.cairn.document.DocumentStore}.
 *
 * <pre>{@code
 * DocumentStore<PoolState> states = DocumentStore.builder(store, "scheduler", PoolState.CODEC)
 *     .retainedGenerations(100)                     // chunks clean() keeps for slow readers
 *     .build();
 * Document<PoolState> pool = states.create("pool-1", PoolState.EMPTY);
 *
 * long generation = pool.run(new DocumentOperator<>() {
 *   public PoolState modify(PoolState current) {  // may run again after a stale generation
 *     return current.withTask(task);
 *   }
 *   public void commit(Transaction tx, PoolState next) {  // once, in the swapping transaction
 *     tx.create(OUTBOX, "scheduled-" + task.id(), task);
 *   }
 *   public void finish(PoolState next) {          // once, after the swap committed
 *     metrics.scheduled(task);
 *   }
 * });
 *
 * PoolState now = states.shared("pool-1").get();   // one instance per id: its cache avoids reads
 * int removed = states.clean();                    // orphaned chunks and old generations
 * }</pre>
 *
 * <p>Readers never see a mix of generations: a pointer names one write attempt's chunks, which
 * are never rewritten. Collections {@code cairn-doc-<kind>}, {@code cairn-chunk-<kind>} and
 * {@code cairn-write-<kind>} are the documents' own.
 */
package dev.cairn.document;
