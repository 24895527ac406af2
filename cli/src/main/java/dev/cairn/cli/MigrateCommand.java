package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.Migration;
import dev.cairn.Store;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cairn migrate FROM TO}: copies the source namespace into the empty target namespace, then
 * applies the source's later transactions until the target has caught up (or, with
 * {@code --follow}, until interrupted), so writes to a live source are not lost.
 */
@Command(name = "migrate", description = "Copy a live store namespace into an empty one (any backend to any backend), "
    + "then follow its change feed until caught up, or with --follow until Ctrl-C.")
final class MigrateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FROM", description = "The source store URI.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The target store URI; its namespace must be empty.")
  String to;

  @Option(names = "--follow", description = "Keep applying the source's transactions until interrupted (Ctrl-C) or the follower fails.")
  boolean follow;

  @Mixin
  BackendJars backends;

  @Mixin
  ProgressOption progress;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread onCtrlC = new Thread(() -> {
      interrupted.countDown();
      try {
        done.await(10, TimeUnit.SECONDS); // let the migration stop and report before the JVM exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cairn-migrate-stop");
    if (follow) {
      Runtime.getRuntime().addShutdownHook(onCtrlC);
    }
    try (Store source = backends.open(from); Store target = backends.open(to)) {
      ArchiveProgress display = new ArchiveProgress(progress.display(spec.commandLine().getErr()));
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
      spec.commandLine().getOut().println("migrated namespace " + source.namespace() + " into " + target.namespace()
          + "; the target holds every source transaction up to revision " + applied);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalArgumentException | CairnException e) {
      return StoreCommand.fail(spec, e);
    } finally {
      done.countDown();
      if (follow) {
        removeHook(onCtrlC);
      }
    }
  }

  /** Removes the Ctrl-C hook once the command is over, so that in-process runs do not pile hooks up. */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down (Ctrl-C): the hook is running and goes with it
    }
  }
}
