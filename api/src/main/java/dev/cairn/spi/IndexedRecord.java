package dev.cairn.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stored record with the index keys it was written with: what a store export copies, so that
 * an import rebuilds every index without the application's schemas.
 *
 * @param record the record
 * @param indexKeys its keys per index name, as its last {@link Write} gave them; unmodifiable
 */
public record IndexedRecord(StoredRecord record, Map<String, Set<String>> indexKeys) {
  /** Copies the index keys. */
  public IndexedRecord {
    Objects.requireNonNull(record, "record");
    indexKeys = Map.copyOf(Objects.requireNonNull(indexKeys, "indexKeys"));
  }
}
