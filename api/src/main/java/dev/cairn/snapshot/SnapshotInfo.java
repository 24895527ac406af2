package dev.cairn.snapshot;

import java.util.Objects;

/**
 * What {@link Snapshots#history} says of one saved snapshot: its id and sequence, the record that
 * holds it, the revision that wrote it, its value version and its size. Immutable.
 */
public final class SnapshotInfo {
  private final String id;
  private final long sequence;
  private final String recordId;
  private final long revision;
  private final int version;
  private final int size;

  /**
   * Creates an info.
   *
   * @param id the snapshot id, never null
   * @param sequence the snapshot's sequence under its id, from 1
   * @param recordId the id of the record holding it, never null
   * @param revision the store revision that wrote it
   * @param version the value version in its header
   * @param size its size in bytes, header included
   */
  public SnapshotInfo(String id, long sequence, String recordId, long revision, int version, int size) {
    this.id = Objects.requireNonNull(id, "id");
    this.sequence = sequence;
    this.recordId = Objects.requireNonNull(recordId, "recordId");
    this.revision = revision;
    this.version = version;
    this.size = size;
  }

  /** Returns the snapshot id, never null. */
  public String id() {
    return id;
  }

  /** Returns the sequence: 1 for the first save of the id, then one more per save; never reused. */
  public long sequence() {
    return sequence;
  }

  /** Returns the id of the record that holds the snapshot in {@link Snapshots#collection()}, never null. */
  public String recordId() {
    return recordId;
  }

  /** Returns the store revision of the transaction that saved the snapshot. */
  public long revision() {
    return revision;
  }

  /** Returns the value version the snapshot was written in (the newest version at the time). */
  public int version() {
    return version;
  }

  /** Returns the snapshot's size in bytes, header included. */
  public int size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SnapshotInfo)) {
      return false;
    }
    SnapshotInfo other = (SnapshotInfo) o;
    return id.equals(other.id) && sequence == other.sequence && recordId.equals(other.recordId)
        && revision == other.revision && version == other.version && size == other.size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, sequence, revision);
  }

  @Override
  public String toString() {
    return "SnapshotInfo{id=" + id + ", sequence=" + sequence + ", revision=" + revision + ", version=" + version
        + ", size=" + size + "}";
  }
}
