package dev.cairn.tck;

/** Batches: splitting, commit markers, failure part-way. */
public interface BatchesTck extends TckArea {
}
