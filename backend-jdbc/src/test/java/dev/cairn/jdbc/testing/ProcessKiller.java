package dev.cairn.jdbc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Kills a PostgreSQL postmaster and every server process with SIGKILL. Stateless and thread-safe. */
final class ProcessKiller {
  private static final Path PROC = Path.of("/proc");

  private ProcessKiller() {}

  /**
   * Kills {@code postmaster}, its descendants, and every process whose working directory is
   * {@code dataDirectory} (every PostgreSQL process works there: this finds a backend forked
   * just before the postmaster died, and re-parented since), and waits until all are gone.
   *
   * @throws IllegalStateException if one is still there after {@code timeout}
   */
  static void killTree(ProcessHandle postmaster, Path dataDirectory, Duration timeout) {
    List<ProcessHandle> children = postmaster.descendants().collect(Collectors.toList());
    postmaster.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + timeout.toNanos();
    Path data = realPath(dataDirectory);
    while (true) {
      List<ProcessHandle> left = Stream.concat(Stream.concat(Stream.of(postmaster), children.stream()), workingIn(data))
          .filter(ProcessKiller::running)
          .distinct()
          .collect(Collectors.toList());
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("PostgreSQL processes " + left.stream().map(ProcessHandle::pid).collect(Collectors.toList())
            + " of " + dataDirectory + " survived SIGKILL for " + timeout);
      }
      left.forEach(ProcessHandle::destroyForcibly);
      try {
        // Waits for the first one to go (SIGKILL is asynchronous), bounded so the sweep repeats.
        left.get(0).onExit().get(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while killing PostgreSQL in " + dataDirectory, e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException stillThere) {
        // sweep again
      }
    }
  }

  /** Alive and not a zombie: a zombie holds no memory nor files, and an init that never reaps keeps it forever. */
  private static boolean running(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(p.pid())).resolve("stat"));
      // pid (comm) STATE ...: comm may hold spaces and parentheses, the state follows the last ')'
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException notLinuxOrGone) {
      return p.isAlive();
    }
  }

  /** Processes whose working directory is {@code data}; none when /proc is not there (not Linux). */
  private static Stream<ProcessHandle> workingIn(Path data) {
    if (data == null || !Files.isDirectory(PROC)) {
      return Stream.empty();
    }
    return ProcessHandle.allProcesses().filter(p -> data.equals(workingDirectory(p.pid())));
  }

  private static Path workingDirectory(long pid) {
    try {
      return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
    } catch (IOException | SecurityException | UnsupportedOperationException gone) {
      return null;
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }
}
