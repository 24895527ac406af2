package dev.cairn;

import java.util.Objects;

/**
 * What an archive holds: written by {@link StoreArchive#export}, read back from an archive's
 * header and trailer by {@link StoreArchive#verify} and {@link StoreArchive#importFrom}.
 * Immutable and thread-safe.
 */
public final class ExportSummary {
  private final String namespace;
  private final long revision;
  private final long createdMillis;
  private final long records;
  private final long changes;
  private final long bytes;

  ExportSummary(String namespace, long revision, long createdMillis, long records, long changes, long bytes) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.revision = revision;
    this.createdMillis = createdMillis;
    this.records = records;
    this.changes = changes;
    this.bytes = bytes;
  }

  /** Returns the namespace the archive was exported from, never null. */
  public String namespace() {
    return namespace;
  }

  /** Returns the source revision whose state the archive holds. */
  public long revision() {
    return revision;
  }

  /** Returns when the export started, by the source backend's clock, in milliseconds since the epoch. */
  public long createdMillis() {
    return createdMillis;
  }

  /** Returns how many records the archive's record section holds. */
  public long records() {
    return records;
  }

  /** Returns how many changes its replay section holds (writes made while the export paged). */
  public long changes() {
    return changes;
  }

  /** Returns the archive's size in bytes. */
  public long bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportSummary s && namespace.equals(s.namespace) && revision == s.revision
        && createdMillis == s.createdMillis && records == s.records && changes == s.changes && bytes == s.bytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, revision, createdMillis, records, changes, bytes);
  }

  @Override
  public String toString() {
    return "ExportSummary{namespace=" + namespace + ", revision=" + revision + ", createdMillis=" + createdMillis
        + ", records=" + records + ", changes=" + changes + ", bytes=" + bytes + "}";
  }
}
