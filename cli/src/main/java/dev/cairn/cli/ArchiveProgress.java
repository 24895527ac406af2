package dev.cairn.cli;

import dev.cairn.Progress;
import dev.cairn.ProgressListener;
import java.util.Locale;

/** Feeds an archive operation's {@link Progress} into a {@link ProgressDisplay}. */
final class ArchiveProgress implements ProgressListener {
  private final ProgressDisplay display;

  ArchiveProgress(ProgressDisplay display) {
    this.display = display;
  }

  @Override
  public void onProgress(Progress progress) {
    display.update(progress.phase().name().toLowerCase(Locale.ROOT), progress.records(), progress.bytes(),
        progress.totalBytes().orElse(-1));
  }

  /** Ends the display's last phase with its summary line. */
  void finish() {
    display.finish();
  }
}
