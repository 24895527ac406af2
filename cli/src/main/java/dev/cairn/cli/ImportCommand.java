package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.ImportSummary;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn import FILE URI}: checks a whole archive, then writes it into the store's namespace,
 * which must be empty. A damaged archive is rejected before anything is written.
 */
@Command(name = "import", description = "Import an archive file into an empty store namespace (any backend).")
final class ImportCommand extends ArchiveCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "The archive file, as written by cairn export.")
  Path file;

  @Parameters(index = "1", paramLabel = "URI", description = "The target store URI; its namespace must be empty.")
  String uri;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      return StoreCommand.fail(spec, new IllegalArgumentException("no such archive file: " + file));
    }
    try (Store store = backends.open(uri)) {
      ArchiveProgress display = progressDisplay();
      ImportSummary summary;
      try {
        summary = StoreArchive.importFrom(store, file, display);
      } finally {
        display.finish();
      }
      result("imported " + summary.archive().records() + " records and "
          + summary.archive().changes() + " changes (namespace " + summary.archive().namespace() + " at revision "
          + summary.archive().revision() + ") into " + store.namespace() + " in " + summary.commits()
          + (summary.commits() == 1 ? " commit" : " commits") + "; target revision " + summary.targetRevision());
      return 0;
    } catch (IllegalArgumentException | CairnException e) {
      return StoreCommand.fail(spec, e);
    } catch (UncheckedIOException e) {
      // the file went unreadable (permissions, a disk error): a failure, not a usage error
      StoreCommand.note(spec, e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    }
  }
}
