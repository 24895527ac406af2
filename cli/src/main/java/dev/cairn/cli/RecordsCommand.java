package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** A command on records of one collection named by id: {@code URI COLLECTION ID…}. */
abstract class RecordsCommand extends StoreCommand {
  @Parameters(index = "1", paramLabel = "COLLECTION", description = "The collection.")
  String collection;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "ID", description = "The record ids.")
  List<String> ids = new ArrayList<>();
}
