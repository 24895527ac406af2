package dev.cairn.tck;

/** Versioned application snapshots: every registered version reads, malformed input is a typed error. */
public interface SnapshotsTck extends TckArea {}
