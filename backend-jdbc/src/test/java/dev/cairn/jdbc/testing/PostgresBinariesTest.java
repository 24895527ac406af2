package dev.cairn.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the harness looks for PostgreSQL, and how loudly it fails when it is not there. */
class PostgresBinariesTest {
  @TempDir
  Path root;

  @Test
  void choosesTheHighestDebianVersionNumerically() throws IOException {
    Path debian = root.resolve("lib");
    fakeBin(debian.resolve("9.6/bin"));
    fakeBin(debian.resolve("15/bin"));
    fakeBin(debian.resolve("13/bin"));
    Files.createDirectories(debian.resolve("16/bin")); // no programs: not a candidate

    assertEquals(debian.resolve("15/bin"), PostgresBinaries.find(null, debian, null).directory());
  }

  @Test
  void configuredDirectoryWinsAndMustHoldThePrograms() throws IOException {
    Path debian = root.resolve("lib");
    fakeBin(debian.resolve("15/bin"));
    Path custom = fakeBin(root.resolve("custom"));
    assertEquals(custom, PostgresBinaries.find(custom.toString(), debian, null).directory());

    Path empty = Files.createDirectories(root.resolve("empty"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PostgresBinaries.find(empty.toString(), debian, null));
    assertTrue(e.getMessage().contains("CAIRN_PG_BIN=" + empty), e.getMessage());
    assertTrue(e.getMessage().contains(".ci/install-servers"), e.getMessage());
  }

  @Test
  void fallsBackToThePath() throws IOException {
    Path onPath = fakeBin(root.resolve("usr/bin"));
    String path = root.resolve("nothing-here") + File.pathSeparator + onPath;
    assertEquals(onPath, PostgresBinaries.find("", root.resolve("no-debian"), path).directory());
  }

  @Test
  void withoutProgramsFailsNamingTheInstallScript() throws IOException {
    Path partial = Files.createDirectories(root.resolve("partial"));
    Files.createFile(partial.resolve("initdb"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PostgresBinaries.find(null, root.resolve("no-debian"), partial.toString()));

    assertTrue(e.getMessage().contains(".ci/install-servers"), e.getMessage());
    assertTrue(e.getMessage().contains("CAIRN_PG_BIN"), e.getMessage());
  }

  @Test
  void comparesVersionsNumerically() {
    assertTrue(PostgresBinaries.compareVersions("9.6", "10") < 0);
    assertTrue(PostgresBinaries.compareVersions("15", "13") > 0);
    assertEquals(0, PostgresBinaries.compareVersions("15", "15.0"));
  }

  private static Path fakeBin(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String program : PostgresBinaries.PROGRAMS) {
      Files.createFile(dir.resolve(program), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    return dir;
  }
}
