package dev.cairn;

import java.util.Objects;

/**
 * A record of a collection as read or written: its id, its value and the revisions that
 * created and last modified it. The {@linkplain #modRevision() mod revision} is the
 * record's <em>version</em>, the one explicit compare-and-set compares. Immutable.
 *
 * <p>Inside the transaction that wrote it, before commit, a record's {@link #modRevision()}
 * is {@link #PENDING}, and so is {@link #createRevision()} if the transaction created it.
 *
 * @param <T> the value type
 */
public final class Entry<T> {
  /** The revision of a write not yet committed. */
  public static final long PENDING = 0;

  private final String id;
  private final T value;
  private final long createRevision;
  private final long modRevision;

  /**
   * Creates an entry.
   *
   * @param id the record id, never null
   * @param value the value, never null
   * @param createRevision the revision that created the record, or {@link #PENDING}
   * @param modRevision the revision of its last write, or {@link #PENDING}
   */
  public Entry(String id, T value, long createRevision, long modRevision) {
    this.id = Objects.requireNonNull(id, "id");
    this.value = Objects.requireNonNull(value, "value");
    this.createRevision = createRevision;
    this.modRevision = modRevision;
  }

  /** Returns the record id, never null. */
  public String id() {
    return id;
  }

  /** Returns the value, never null. */
  public T value() {
    return value;
  }

  /** Returns the revision of the transaction that created the record. */
  public long createRevision() {
    return createRevision;
  }

  /** Returns the revision of the record's last write: its version. */
  public long modRevision() {
    return modRevision;
  }

  /** Returns the record's version, the same as {@link #modRevision()}. */
  public long version() {
    return modRevision;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Entry)) {
      return false;
    }
    Entry<?> other = (Entry<?>) o;
    return id.equals(other.id)
        && createRevision == other.createRevision
        && modRevision == other.modRevision
        && Values.equal(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, createRevision, modRevision);
  }

  @Override
  public String toString() {
    return "Entry{id=" + id + ", createRevision=" + createRevision
        + ", modRevision=" + modRevision + ", value=" + Values.toString(value) + "}";
  }
}
