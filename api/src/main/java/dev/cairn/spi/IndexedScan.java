package dev.cairn.spi;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link Backend#scanWithIndexKeys}: records with their index keys, all current
 * at one revision.
 *
 * @param records the records in id order ({@link dev.cairn.Ids#ORDER}), never null
 * @param more whether the range holds records past the last one returned
 * @param revision a store revision at which the whole answer was current
 */
public record IndexedScan(List<IndexedRecord> records, boolean more, long revision) {
  /** Copies the list. */
  public IndexedScan {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
  }
}
