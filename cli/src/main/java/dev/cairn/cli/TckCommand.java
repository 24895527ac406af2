package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.tck.TckReport;
import dev.cairn.tck.TckRunner;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn tck}: runs the compatibility kit against a store URI and prints the report. */
@Command(name = "tck", description = "Run the compatibility kit against a backend and print a conformance report.")
final class TckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", defaultValue = "memory:", paramLabel = "URI",
      description = "The store URI (default: ${DEFAULT-VALUE}). Each test uses a fresh random namespace.")
  String uri;

  @Option(names = "--jar", paramLabel = "FILE", description = "A jar holding a backend (and its dependencies); repeatable.")
  List<File> jars = new ArrayList<>();

  @Option(names = "--area", paramLabel = "NAME", description = "Run only this area; repeatable. Areas: ${COMPLETION-CANDIDATES}",
      completionCandidates = AreaNames.class)
  List<String> areas = new ArrayList<>();

  @Override
  public Integer call() {
    ClassLoader loader;
    try {
      loader = Backends.loader(jars);
      checkOpens(loader);
    } catch (IllegalArgumentException | CairnException e) {
      spec.commandLine().getErr().println("cairn tck: " + e.getMessage());
      return Main.USAGE;
    }
    TckReport report;
    try {
      report = TckRunner.run(uri, loader, new LinkedHashSet<>(areas));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("cairn tck: " + e.getMessage());
      return Main.USAGE;
    }
    spec.commandLine().getOut().print(report.render());
    spec.commandLine().getOut().flush();
    return report.passed() ? 0 : 1;
  }

  /** Opens the URI once so that a bad URI is one clear line, not a failure per test. */
  private void checkOpens(ClassLoader loader) {
    try (Store store = Cairn.open(uri, StoreOptions.defaults().withClassLoader(loader))) {
      store.revision();
    }
  }

  /** The area names, for the help text. */
  static final class AreaNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    AreaNames() {
      super(TckRunner.areas().keySet());
    }
  }
}
