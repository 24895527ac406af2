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
        uri.positiveParameter("retention", DEFAULT_RETENTION, Long.MAX_VALUE),
        Duration.ofMillis(uri.positiveParameter("wedgeTimeout", 30_000, Long.MAX_VALUE)),
        uri.positiveParameter("maxValueBytes", 16L << 20, Long.MAX_VALUE),
        (int) Math.min(Integer.MAX_VALUE, uri.positiveParameter("maxWritesPerCommit", 100_000, Long.MAX_VALUE)),
        bool(uri, params, "fsync", false),
        uri.positiveParameter("snapshotEvery", DEFAULT_SNAPSHOT_EVERY, Long.MAX_VALUE));
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
