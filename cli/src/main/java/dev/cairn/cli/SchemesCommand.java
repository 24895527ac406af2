package dev.cairn.cli;

import dev.cairn.Cairn;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn schemes}: lists the URI schemes of the backends found. */
@Command(name = "schemes", description = "List the store URI schemes of the backends on the class path.")
final class SchemesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--jar", paramLabel = "FILE", description = "A jar holding a backend; repeatable.")
  List<File> jars = new ArrayList<>();

  @Override
  public Integer call() {
    Map<String, String> schemes = Cairn.schemes(Backends.loader(jars));
    schemes.forEach((scheme, provider) -> spec.commandLine().getOut().printf("%-20s %s%n", scheme + ":", provider));
    return 0;
  }
}
