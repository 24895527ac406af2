package dev.cairn;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where an export, import or migration stands, as reported to a {@link ProgressListener}.
 * Immutable and thread-safe.
 */
public final class Progress {

  /** The phases of the archive operations. */
  public enum Phase {
    /** Reading the source store and writing the archive (or, for a migration, the target). */
    EXPORT,
    /** Checking a whole archive file before anything is written. */
    VERIFY,
    /** Writing a verified archive into the target store. */
    IMPORT,
    /** A migration applying the source's later transactions to the target. */
    FOLLOW
  }

  private final Phase phase;
  private final long records;
  private final long bytes;
  private final long totalBytes;
  private final Duration elapsed;

  Progress(Phase phase, long records, long bytes, long totalBytes, Duration elapsed) {
    this.phase = Objects.requireNonNull(phase, "phase");
    this.records = records;
    this.bytes = bytes;
    this.totalBytes = totalBytes;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Returns the phase, never null. */
  public Phase phase() {
    return phase;
  }

  /**
   * Returns how many records and changes the phase has handled so far (for FOLLOW: the changes
   * applied, every write of a source transaction counting once).
   */
  public long records() {
    return records;
  }

  /**
   * Returns how many archive bytes the phase has handled; for a migration, which has no archive,
   * about how many bytes of ids, values and index keys the phase has written to the target (the
   * FOLLOW phase counting from zero, without the copy's).
   */
  public long bytes() {
    return bytes;
  }

  /** Returns the archive's total size when known (a file being verified or imported), else empty. */
  public OptionalLong totalBytes() {
    return totalBytes < 0 ? OptionalLong.empty() : OptionalLong.of(totalBytes);
  }

  /** Returns the time since the phase started, never null. */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return "Progress{" + phase + ", records=" + records + ", bytes=" + bytes
        + (totalBytes < 0 ? "" : "/" + totalBytes) + ", elapsed=" + elapsed + "}";
  }
}
