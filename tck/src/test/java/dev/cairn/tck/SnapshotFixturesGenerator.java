package dev.cairn.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wrote the committed version 1 snapshot files with {@link SnapshotStates#V1}; run once, by hand:
 * {@code java ... dev.cairn.tck.SnapshotFixturesGenerator tck/src/main/resources/dev/cairn/tck/snapshots}.
 * The committed bytes are the fixture: never run it again over them, add new files instead.
 */
final class SnapshotFixturesGenerator {
  private SnapshotFixturesGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "tck/src/main/resources/dev/cairn/tck/snapshots");
    Files.createDirectories(dir);
    for (SnapshotStates.V1File file : SnapshotStates.V1File.values()) {
      Path target = dir.resolve(file.fileName);
      if (Files.exists(target)) {
        System.out.println("kept " + target);
        continue;
      }
      Files.write(target, SnapshotStates.V1.write(file.state));
      System.out.println("wrote " + target);
    }
  }
}
