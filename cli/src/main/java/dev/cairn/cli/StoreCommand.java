package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command that opens the store named by its first parameter, works on it and closes it.
 * Bad input (a URI, a name, an id, a jar) is a usage error, exit 2; any other Cairn error is
 * exit 1; both print one line naming the command, never a stack trace.
 */
abstract class StoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URI",
      description = "The store URI, e.g. memory:/var/lib/app/cairn or memory:/dir?namespace=pool-1.")
  String uri;

  @Mixin
  BackendJars backends;

  @Option(names = "--json", description = "Print one JSON object per line.")
  boolean json;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /** Works on the open store; returns the exit code. */
  abstract int run(Store store) throws Exception;

  @Override
  public final Integer call() throws Exception {
    Store store;
    try {
      store = backends.open(uri);
    } catch (IllegalArgumentException | CairnException e) {
      return fail(e);
    }
    try (store) {
      return run(store);
    } catch (IllegalArgumentException | CairnException e) {
      return fail(e);
    }
  }


  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints one line to stderr, prefixed by the command's name. */
  void note(String message) {
    note(spec, message);
  }

  /** Prints one line to command {@code spec}'s stderr, prefixed by its name. */
  static void note(CommandSpec spec, String message) {
    spec.commandLine().getErr().println("cairn " + spec.name() + ": " + message);
    spec.commandLine().getErr().flush();
  }

  private int fail(RuntimeException e) {
    return fail(spec, e);
  }

  /**
   * Reports a failure of command {@code spec} in one line and returns its exit code: 2 for bad
   * input, 1 for any other error (with its code).
   */
  static int fail(CommandSpec spec, RuntimeException e) {
    boolean usage = e instanceof IllegalArgumentException || e instanceof InvalidArgumentException;
    String code = e instanceof CairnException c && !usage ? " (" + c.code() + ")" : "";
    note(spec, e.getMessage() + code);
    return usage ? Main.USAGE : 1;
  }
}
