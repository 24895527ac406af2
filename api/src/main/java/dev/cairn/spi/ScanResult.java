package dev.cairn.spi;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a range scan or an index lookup, all of it current at one revision.
 *
 * @param records the records in id order ({@link dev.cairn.Ids#ORDER}), never null
 * @param more whether the range holds records past the last one returned (scans only)
 * @param revision a store revision at which the whole answer was current
 * @param collectionRevision the latest revision that wrote any record of the collection,
 *     at most {@code revision}; 0 if none ever did
 */
public record ScanResult(List<StoredRecord> records, boolean more, long revision, long collectionRevision) {
  /** Copies the list. */
  public ScanResult {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
  }
}
