package dev.cairn.memory;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.BackendUri;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a memory backend, read from its URI:
 * {@code memory:[directory][?retention=N&wedgeTimeout=ms&maxValueBytes=N&maxWritesPerCommit=N&namespace=ns
 * &fsync=true|false&snapshotEvery=N]}. With a directory, the data is journaled there and
 * survives restarts; {@code fsync} and {@code snapshotEvery} need a directory.
 *
 * @param directory where to journal, or null for a store that lives and dies with the process
 * @param retention how many revisions of change history each namespace keeps
 * @param wedgeTimeout how long a commit lock may be held before the store reports itself wedged
 * @param maxValueBytes the largest value
 * @param maxWritesPerCommit the most writes in one commit
 * @param fsync whether each commit is synced to the disk (true) or only handed to the OS (false)
 * @param snapshotEvery after how many log entries the log is compacted into a snapshot
 */
record MemoryConfig(Path directory, long retention, Duration wedgeTimeout, long maxValueBytes,
    int maxWritesPerCommit, boolean fsync, long snapshotEvery) {
  static final long DEFAULT_RETENTION = 100_000;
  static final long DEFAULT_SNAPSHOT_EVERY = 100_000;
  private static final Set<String> KNOWN = new TreeSet<>(Set.of("retention", "wedgeTimeout", "maxValueBytes",
      "maxWritesPerCommit", "namespace", "fsync", "snapshotEvery"));
  private static final Set<String> NEED_DIRECTORY = Set.of("fsync", "snapshotEvery");

  static MemoryConfig from(BackendUri uri) {
    Map<String, String> params = uri.parameters();
    String body = uri.body();
    Path directory = body.isEmpty() ? null : Path.of(body.startsWith("//") ? body.substring(2) : body);
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new InvalidArgumentException("unknown parameter '" + name + "' in " + uri + "; known: " + KNOWN);
      }
      if (directory == null && NEED_DIRECTORY.contains(name)) {
        throw new InvalidArgumentException("parameter '" + name + "' of " + uri
            + " needs a directory to journal to, as in memory:/path/to/dir?" + name + "=...");
      }
    }
    return new MemoryConfig(directory,
        positive(uri, params, "retention", DEFAULT_RETENTION),
        Duration.ofMillis(positive(uri, params, "wedgeTimeout", 30_000)),
        positive(uri, params, "maxValueBytes", 16L << 20),
        (int) Math.min(Integer.MAX_VALUE, positive(uri, params, "maxWritesPerCommit", 100_000)),
        bool(uri, params, "fsync", false),
        positive(uri, params, "snapshotEvery", DEFAULT_SNAPSHOT_EVERY));
  }

  private static long positive(BackendUri uri, Map<String, String> params, String name, long fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidArgumentException("parameter '" + name + "' of " + uri + " must be a positive integer: " + text);
  }

  private static boolean bool(BackendUri uri, Map<String, String> params, String name, boolean fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidArgumentException("parameter '" + name + "' of " + uri + " must be true or false: " + text);
  }
}
