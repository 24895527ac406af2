package dev.cairn.cli;

import dev.cairn.ExportSummary;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn export URI FILE}: writes every collection of the store's namespace, consistent at
 * one revision, to an archive file. The file appears only when complete: the archive is written
 * beside it under a temporary name and moved into place.
 */
@Command(name = "export", description = "Export a store's namespace, at one revision, to an archive file.")
final class ExportCommand extends StoreCommand {
  @Parameters(index = "1", paramLabel = "FILE", description = "The archive file to write.")
  Path file;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Mixin
  ProgressOption progress;

  @Override
  int run(Store store) throws IOException {
    if (Files.exists(file) && !force) {
      throw new IllegalArgumentException(file + " exists; pass --force to replace it");
    }
    ArchiveProgress display = new ArchiveProgress(progress.display(err()));
    Path absolute = file.toAbsolutePath();
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    ExportSummary summary;
    try (OutputStream out = Files.newOutputStream(partial)) { // StoreArchive.export buffers
      summary = StoreArchive.export(store, out, display);
    } catch (IOException | UncheckedIOException e) {
      Files.deleteIfExists(partial);
      note("cannot write " + partial + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    } finally {
      display.finish();
    }
    Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out().println("exported " + summary.records() + " records and " + summary.changes() + " changes of namespace "
        + summary.namespace() + " at revision " + summary.revision() + " to " + file + " ("
        + ProgressDisplay.bytes(summary.bytes()) + ")");
    out().flush();
    return 0;
  }
}
