package dev.cairn.tck;

/** Concurrent transactions keep invariants (the bank test). */
public interface ConcurrencyTck extends TckArea {
}
