package dev.cairn;

import java.time.Duration;
import java.util.Objects;

/** Reports one phase's progress to a listener, timing it from creation. Not thread-safe. */
final class ProgressMeter {
  private final ProgressListener listener;
  private final Progress.Phase phase;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();

  /** @param totalBytes the archive's size, or -1 if unknown */
  ProgressMeter(ProgressListener listener, Progress.Phase phase, long totalBytes) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.phase = phase;
    this.totalBytes = totalBytes;
  }

  void report(long records, long bytes) {
    listener.onProgress(new Progress(phase, records, bytes, totalBytes, Duration.ofNanos(System.nanoTime() - startNanos)));
  }
}
