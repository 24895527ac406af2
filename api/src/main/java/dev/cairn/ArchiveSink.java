package dev.cairn;

import java.util.Map;
import java.util.Set;

/**
 * Where an export's entries go, in order: {@link #begin}, every record, every replayed change,
 * {@link #end}. The archive writer frames them into a stream; an import or a migration writes
 * them into a target store. Not thread-safe.
 */
interface ArchiveSink {

  /** Starts the archive of {@code namespace}, made at {@code createdMillis}. */
  void begin(String namespace, long createdMillis);

  /** Adds a record of the record section (values, ids and index keys; revisions are not kept). */
  void record(String collection, String id, byte[] value, Map<String, Set<String>> indexKeys);

  /**
   * Adds a change of the replay section, in revision order.
   *
   * @param value the new value, or null for a delete
   */
  void change(long revision, String collection, String id, byte[] value, Map<String, Set<String>> indexKeys);

  /** Ends the archive: applying the records then the changes gives the source's state at {@code revision}. */
  void end(long revision);
}
