package dev.cairn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a backend supports and its limits. Cairn adapts to these (rejecting oversized
 * values with {@link TooLargeException}, splitting batches), and the TCK reads them: a
 * behaviour a backend does not claim is reported as skipped with its reason. Immutable.
 */
public final class Capabilities {

  /** Optional behaviours a backend may claim. Required behaviour is not listed here. */
  public enum Feature {
    /** Committed data survives closing the store and opening it again from the same URI. */
    PERSISTENT("the backend keeps no data across close and reopen"),
    /** The backend reports a commit lock held too long ({@link Store#isWedged()}). */
    WEDGE_DETECTION("the backend has no wedge detector");

    private final String reasonWhenMissing;

    Feature(String reasonWhenMissing) {
      this.reasonWhenMissing = reasonWhenMissing;
    }

    /** Returns why a test needing this feature is skipped on a backend that lacks it. */
    public String reasonWhenMissing() {
      return reasonWhenMissing;
    }
  }

  private final long maxValueBytes;
  private final int maxWritesPerCommit;
  private final long maxCommitBytes;
  private final Set<Feature> features;

  private Capabilities(Builder b) {
    if (b.maxCommitBytes < b.maxValueBytes) {
      throw new InvalidArgumentException("maxCommitBytes " + b.maxCommitBytes + " is below maxValueBytes "
          + b.maxValueBytes + ": a commit must hold at least one value of the largest size");
    }
    this.maxValueBytes = b.maxValueBytes;
    this.maxWritesPerCommit = b.maxWritesPerCommit;
    this.maxCommitBytes = b.maxCommitBytes;
    this.features = Collections.unmodifiableSet(b.features.clone());
  }

  /**
   * Returns a builder with no optional feature, 1 MiB values, 10,000 writes per commit and no
   * bound on a commit's bytes.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the largest record value the backend stores, in bytes. */
  public long maxValueBytes() {
    return maxValueBytes;
  }

  /** Returns the most writes one commit may carry. */
  public int maxWritesPerCommit() {
    return maxWritesPerCommit;
  }

  /**
   * Returns the most value bytes one commit may carry, summed over its writes: Cairn splits
   * batches, imports and document writes to stay under it, and refuses a transaction over it
   * with {@link TooLargeException}. {@link Long#MAX_VALUE} when the backend sets no bound.
   */
  public long maxCommitBytes() {
    return maxCommitBytes;
  }

  /** Returns the optional features the backend claims; unmodifiable, never null. */
  public Set<Feature> features() {
    return features;
  }

  /** Returns whether the backend claims {@code feature}. */
  public boolean has(Feature feature) {
    return features.contains(feature);
  }

  @Override
  public String toString() {
    return "Capabilities{maxValueBytes=" + maxValueBytes + ", maxWritesPerCommit=" + maxWritesPerCommit
        + (maxCommitBytes == Long.MAX_VALUE ? "" : ", maxCommitBytes=" + maxCommitBytes) + ", features=" + features
        + "}";
  }

  /** Builds {@link Capabilities}. Not thread-safe. */
  public static final class Builder {
    private long maxValueBytes = 1 << 20;
    private int maxWritesPerCommit = 10_000;
    private long maxCommitBytes = Long.MAX_VALUE;
    private final EnumSet<Feature> features = EnumSet.noneOf(Feature.class);

    private Builder() {}

    /** Sets the largest value in bytes; must be positive. */
    public Builder maxValueBytes(long bytes) {
      if (bytes <= 0) {
        throw new InvalidArgumentException("maxValueBytes must be positive: " + bytes);
      }
      this.maxValueBytes = bytes;
      return this;
    }

    /** Sets the most writes per commit; must be positive. */
    public Builder maxWritesPerCommit(int writes) {
      if (writes <= 0) {
        throw new InvalidArgumentException("maxWritesPerCommit must be positive: " + writes);
      }
      this.maxWritesPerCommit = writes;
      return this;
    }

    /**
     * Sets the most value bytes one commit may carry; must be positive and, when built, at
     * least {@code maxValueBytes}.
     */
    public Builder maxCommitBytes(long bytes) {
      if (bytes <= 0) {
        throw new InvalidArgumentException("maxCommitBytes must be positive: " + bytes);
      }
      this.maxCommitBytes = bytes;
      return this;
    }

    /** Claims optional features. */
    public Builder features(Feature... claimed) {
      for (Feature f : claimed) {
        features.add(Objects.requireNonNull(f, "feature"));
      }
      return this;
    }

    /** Returns the capabilities. */
    public Capabilities build() {
      return new Capabilities(this);
    }
  }
}
