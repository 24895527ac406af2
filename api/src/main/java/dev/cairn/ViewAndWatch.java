package dev.cairn;

/**
 * A consistent read at one revision and a watch of everything after it
 * ({@link Store#viewAndWatch}): nothing is lost or seen twice between the two.
 *
 * @param value what the view callback returned
 * @param revision the revision the view read at
 * @param watch a watch starting at {@code revision + 1}; the caller closes it
 * @param <R> the view's result type
 */
public record ViewAndWatch<R>(R value, long revision, Watch watch) {}
