package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.Migration;
import dev.cairn.Store;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn migrate FROM TO}: copies the source namespace into the empty target namespace, then
 * applies the source's later transactions until the target has caught up (or, with
 * {@code --follow}, until interrupted), so writes to a live source are not lost.
 */
@Command(name = "migrate", description = "Copy a live store namespace into an empty one (any backend to any backend), "
    + "then follow its change feed until caught up, or with --follow until Ctrl-C.")
final class MigrateCommand extends ArchiveCommand {
  @Parameters(index = "0", paramLabel = "FROM", description = "The source store URI.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The target store URI; its namespace must be empty.")
  String to;

  @Option(names = "--follow", description = "Keep applying the source's transactions until interrupted (Ctrl-C) or the follower fails.")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    // On Ctrl-C, give the migration time to stop and report before the JVM exits.
    CtrlC ctrlC = follow ? CtrlC.install("cairn-migrate-stop", interrupted::countDown, 10_000) : null;
    try (Store source = backends.open(from); Store target = backends.open(to)) {
      ArchiveProgress display = progressDisplay();
      long applied;
      try (Migration migration = Migration.start(source, target, display)) {
        if (follow) {
          while (!interrupted.await(1, TimeUnit.SECONDS)) {
            migration.awaitCaughtUp(Duration.ZERO); // throws what ended the follower, if anything did
          }
        } else {
          while (!migration.awaitCaughtUp(Duration.ofSeconds(1))) {
            // the listener reports progress meanwhile; a dead follower makes awaitCaughtUp throw
          }
        }
        migration.stop();
        applied = migration.appliedRevision();
      } finally {
        display.finish();
      }
      result("migrated namespace " + source.namespace() + " into " + target.namespace()
          + "; the target holds every source transaction up to revision " + applied);
      return 0;
    } catch (IllegalArgumentException | CairnException e) {
      return StoreCommand.fail(spec, e);
    } finally {
      if (ctrlC != null) {
        ctrlC.close();
      }
    }
  }
}
