package dev.cairn;

import java.util.Objects;

/**
 * What an import (or a migration's initial copy) wrote into its target. Immutable and
 * thread-safe.
 */
public final class ImportSummary {
  private final ExportSummary archive;
  private final long commits;
  private final long targetRevision;

  ImportSummary(ExportSummary archive, long commits, long targetRevision) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.commits = commits;
    this.targetRevision = targetRevision;
  }

  /** Returns what the imported archive held (source namespace, revision, counts), never null. */
  public ExportSummary archive() {
    return archive;
  }

  /** Returns how many commits the import made in the target. */
  public long commits() {
    return commits;
  }

  /** Returns the target's revision after the import's last commit. */
  public long targetRevision() {
    return targetRevision;
  }

  @Override
  public String toString() {
    return "ImportSummary{archive=" + archive + ", commits=" + commits + ", targetRevision=" + targetRevision + "}";
  }
}
