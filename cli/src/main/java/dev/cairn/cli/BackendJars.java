package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --jar} option of commands that open stores (added with {@code @Mixin}): backends are
 * found in the CLI's own class path and in these jars.
 */
final class BackendJars {
  @Option(names = "--jar", paramLabel = "FILE", description = "A jar holding a backend (and its dependencies); repeatable.")
  List<File> jars = new ArrayList<>();

  /** Opens the store at {@code uri}. */
  Store open(String uri) {
    return Cairn.open(uri, StoreOptions.defaults().withClassLoader(Backends.loader(jars)));
  }
}
