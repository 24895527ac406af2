package dev.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn version}: prints Cairn's version and the JVM's. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer>, IVersionProvider {
  @Spec
  CommandSpec spec;

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"cairn " + (version == null ? "development build" : version),
        "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }

  @Override
  public Integer call() {
    for (String line : getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
