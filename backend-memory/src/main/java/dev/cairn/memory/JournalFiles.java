package dev.cairn.memory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a journal directory: {@code snapshot-<generation>.cairn} holds every namespace as
 * of the start of {@code log-<generation>.cairn}; later logs follow it. Temporary files end in
 * {@code .tmp}.
 */
final class JournalFiles {
  static final String LOCK = "cairn.lock";
  private static final Pattern NAME = Pattern.compile("(log|snapshot)-(\\d{1,18})\\.cairn");

  /** The logs and snapshots found in a directory, each by generation. */
  final TreeMap<Long, Path> logs = new TreeMap<>();
  final TreeMap<Long, Path> snapshots = new TreeMap<>();
  /** Temporary files, left by a crash while a file was being created. */
  final List<Path> temps = new ArrayList<>();

  private JournalFiles() {}

  static Path log(Path directory, long generation) {
    return directory.resolve(String.format("log-%012d.cairn", generation));
  }

  static Path snapshot(Path directory, long generation) {
    return directory.resolve(String.format("snapshot-%012d.cairn", generation));
  }

  static Path temp(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** Lists the logs, snapshots and temporary files of a directory. */
  static JournalFiles scan(Path directory) throws IOException {
    JournalFiles found = new JournalFiles();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (m.matches()) {
          (m.group(1).equals("log") ? found.logs : found.snapshots).put(Long.parseLong(m.group(2)), file);
        } else if (name.endsWith(".cairn.tmp")) {
          found.temps.add(file);
        }
      }
    }
    return found;
  }

  /** Makes renames and creations in a directory durable, where the platform allows it. */
  static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some platforms cannot open or sync a directory; the rename is still atomic there
    }
  }
}
