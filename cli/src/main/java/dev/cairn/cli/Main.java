package dev.cairn.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cairn} command. */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
    description = "Cairn: persistence for the state of schedulers, controllers and orchestrators.",
    subcommands = {TckCommand.class, ListCommand.class, GetCommand.class, WatchCommand.class,
        PutCommand.class, DeleteCommand.class,
        ExportCommand.class, ImportCommand.class, MigrateCommand.class, SchemesCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit code of a usage error: a bad URI, option or file. */
  static final int USAGE = 2;

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command with the given output streams; for tests and embedding.
   *
   * @return the exit code: 0 success, 1 a failed check, 2 a usage error
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExpandAtFiles(false); // "@FILE" is a put value, not a picocli argument file
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> USAGE);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      command.getErr().println("cairn: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return USAGE;
    });
    return cli.execute(args);
  }
}
