package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.ImportSummary;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn import FILE URI}: checks a whole archive, then writes it into the store's namespace,
 * which must be empty. A damaged archive is rejected before anything is written.
 */
@Command(name = "import", description = "Import an archive file into an empty store namespace (any backend).")
final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The archive file, as written by cairn export.")
  Path file;

  @Parameters(index = "1", paramLabel = "URI", description = "The target store URI; its namespace must be empty.")
  String uri;

  @Mixin
  BackendJars backends;

  @Mixin
  ProgressOption progress;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      return StoreCommand.fail(spec, new IllegalArgumentException("no such archive file: " + file));
    }
    try (Store store = backends.open(uri)) {
      ArchiveProgress display = new ArchiveProgress(progress.display(spec.commandLine().getErr()));
      ImportSummary summary;
      try {
        summary = StoreArchive.importFrom(store, file, display);
      } finally {
        display.finish();
      }
      spec.commandLine().getOut().println("imported " + summary.archive().records() + " records and "
          + summary.archive().changes() + " changes (namespace " + summary.archive().namespace() + " at revision "
          + summary.archive().revision() + ") into " + store.namespace() + " in " + summary.commits()
          + (summary.commits() == 1 ? " commit" : " commits") + "; target revision " + summary.targetRevision());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalArgumentException | CairnException e) {
      return StoreCommand.fail(spec, e);
    } catch (UncheckedIOException e) {
      // the file went unreadable (permissions, a disk error): a failure, not a usage error
      spec.commandLine().getErr().println("cairn " + spec.name() + ": " + e.getMessage() + ": " + e.getCause().getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
