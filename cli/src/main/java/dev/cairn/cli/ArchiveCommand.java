package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that writes a namespace's data into a target store (import, migrate): backends from
 * {@code --jar}, progress on stderr as {@code --progress} says, failures in one line.
 */
abstract class ArchiveCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  BackendJars backends;

  @Mixin
  ProgressOption progress;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /** Returns a progress display on stderr, in the mode {@code --progress} chose. */
  ArchiveProgress progressDisplay() {
    return new ArchiveProgress(progress.display(spec.commandLine().getErr()));
  }

  /** Prints the command's one-line result to stdout. */
  void result(String line) {
    spec.commandLine().getOut().println(line);
    spec.commandLine().getOut().flush();
  }
}
