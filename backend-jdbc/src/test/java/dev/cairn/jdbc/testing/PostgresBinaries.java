package dev.cairn.jdbc.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory holding PostgreSQL's server programs ({@code initdb}, {@code postgres},
 * {@code pg_ctl}). Immutable and thread-safe.
 */
final class PostgresBinaries {
  /** The programs a directory must hold to be chosen. */
  static final List<String> PROGRAMS = List.of("initdb", "postgres", "pg_ctl");
  /** The script that installs them on a CI machine, named by every "not found" message. */
  static final String INSTALL_SCRIPT = ".ci/install-servers";

  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

  private final Path directory;

  private PostgresBinaries(Path directory) {
    this.directory = directory;
  }

  /** Finds the programs from this process's environment; see {@link #find(String, Path, String)}. */
  static PostgresBinaries find() {
    return find(System.getenv("CAIRN_PG_BIN"), Path.of("/usr/lib/postgresql"), System.getenv("PATH"));
  }

  /**
   * Finds the programs: in {@code configured} when it is set (and only there), else in the
   * highest version's {@code bin} under {@code debianRoot} ({@code /usr/lib/postgresql/15/bin}),
   * else in the first {@code searchPath} entry that holds all of them.
   *
   * @param configured the value of {@code CAIRN_PG_BIN}, or null or blank when unset
   * @param debianRoot where Debian's packages put one directory per major version
   * @param searchPath a {@code PATH}-style list of directories, or null
   * @throws IllegalStateException if none holds the three programs; the message names
   *     {@value #INSTALL_SCRIPT}
   */
  static PostgresBinaries find(String configured, Path debianRoot, String searchPath) {
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      if (!holdsPrograms(dir)) {
        throw new IllegalStateException("CAIRN_PG_BIN=" + configured + " does not hold " + PROGRAMS
            + ": point it at a PostgreSQL bin directory, or unset it and run " + INSTALL_SCRIPT);
      }
      return new PostgresBinaries(dir);
    }
    Optional<Path> found = highestVersion(debianRoot).or(() -> onPath(searchPath));
    return found.map(PostgresBinaries::new).orElseThrow(() -> new IllegalStateException(
        "PostgreSQL server programs " + PROGRAMS + " not found (CAIRN_PG_BIN is unset, none in "
            + debianRoot + "/*/bin nor on PATH): the backend-jdbc tests need a real PostgreSQL; run "
            + INSTALL_SCRIPT + " (Debian's postgresql package) or set CAIRN_PG_BIN"));
  }

  /** Returns the path of {@code program} in this directory. */
  Path program(String program) {
    return directory.resolve(program);
  }

  /** Returns the directory. */
  Path directory() {
    return directory;
  }

  private static Optional<Path> highestVersion(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(v -> VERSION.matcher(v.getFileName().toString()).matches())
          .map(v -> v.resolve("bin"))
          .filter(PostgresBinaries::holdsPrograms)
          .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString(), PostgresBinaries::compareVersions));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static Optional<Path> onPath(String searchPath) {
    if (searchPath == null) {
      return Optional.empty();
    }
    return Stream.of(searchPath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(Path::of)
        .filter(PostgresBinaries::holdsPrograms)
        .findFirst();
  }

  private static boolean holdsPrograms(Path dir) {
    return PROGRAMS.stream().allMatch(p -> Files.isRegularFile(dir.resolve(p)) && Files.isExecutable(dir.resolve(p)));
  }

  /** Compares dotted version numbers numerically: 9.6 < 10 < 15. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long xi = i < x.length ? Long.parseLong(x[i]) : 0;
      long yi = i < y.length ? Long.parseLong(y[i]) : 0;
      if (xi != yi) {
        return Long.compare(xi, yi);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
