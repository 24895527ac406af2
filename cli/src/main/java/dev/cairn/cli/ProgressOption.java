package dev.cairn.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --progress=bar|lines|none} option of long commands (export, import, migrate), to be
 * added with {@code @Mixin ProgressOption progress;} and turned into a display with
 * {@link #display(PrintWriter)}.
 */
final class ProgressOption {
  @Option(names = "--progress", paramLabel = "MODE",
      description = "How to show progress on stderr: bar, lines or none (default: bar on a terminal, else lines).")
  String mode;

  /**
   * Returns a display printing to {@code err} in the chosen mode.
   *
   * @throws IllegalArgumentException if the option names no mode (a usage error)
   */
  ProgressDisplay display(PrintWriter err) {
    return ProgressDisplay.create(mode, err);
  }
}
