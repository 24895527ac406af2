package dev.cairn.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short-lived helper programs (initdb, pg_ctl, id) to completion. Stateless and thread-safe. */
final class Commands {
  private Commands() {}

  /**
   * Runs {@code command}, appending its output to {@code log} (or capturing it when null), and
   * returns the output it captured.
   *
   * @throws IllegalStateException if it cannot start, exits non-zero or outlives {@code timeout};
   *     the message holds the command and the tail of its output
   */
  static String run(List<String> command, Path log, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path output = log;
    try {
      if (output == null) {
        output = Files.createTempFile("cairn-cmd-", ".out");
      }
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + timeout + tail(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited with " + process.exitValue() + tail(output));
      }
      return log == null ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      if (log == null && output != null) {
        deleteQuietly(output);
      }
    }
  }

  /** Returns ", output:" and the last lines of {@code file}, or "" when it holds nothing readable. */
  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return "";
      }
      List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      return "; last lines of " + file + ":\n  " + String.join("\n  ", last);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
