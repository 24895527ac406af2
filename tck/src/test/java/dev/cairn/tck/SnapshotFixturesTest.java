package dev.cairn.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The committed version 1 files are exactly what {@link SnapshotFixturesGenerator} wrote with the v1 format. */
class SnapshotFixturesTest {

  /** Each committed file equals the v1 format's bytes of its state: the fixtures hold what they claim. */
  @Test
  void committedFilesMatchTheirStates() {
    for (SnapshotStates.V1File file : SnapshotStates.V1File.values()) {
      assertArrayEquals(SnapshotStates.V1.write(file.state), file.bytes(), file.fileName);
    }
  }
}
