package dev.cairn;

/**
 * Receives the progress of an export, import or migration, e.g. to draw a progress bar.
 *
 * <p>Called often (after every block of about 64 KiB, every page of records and every followed
 * transaction) on the thread doing the work (for a migration's follow phase, its follower
 * thread), so it must be quick and must not call back into the operation. An exception it throws
 * aborts the operation and propagates.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every report. */
  ProgressListener NONE = progress -> {};

  /**
   * Receives one report.
   *
   * @param progress where the operation stands, never null
   */
  void onProgress(Progress progress);
}
