package dev.cairn.spi;

/**
 * The answer to a point read.
 *
 * @param record the record, or null if absent
 * @param revision a store revision at which the answer was current (the read's snapshot)
 * @param collectionRevision the latest revision that wrote any record of the collection,
 *     at most {@code revision}; 0 if none ever did
 */
public record RecordRead(StoredRecord record, long revision, long collectionRevision) {}
