package dev.cairn.cli;

import dev.cairn.AlreadyExistsException;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn put URI COLLECTION ID VALUE}: creates one raw record, for trying Cairn out and for
 * repairs. The CLI knows no application schema, so the record gets no name and no index keys;
 * that is why replacing an existing record (which would drop its index keys) takes {@code --replace}.
 */
@Command(name = "put", description = {
    "Create a record with a raw value (UTF-8 text, or @FILE for a file's bytes).",
    "The record gets no name and no index keys: the CLI knows no application schema. An existing record is"
        + " only replaced with --replace, which drops its index keys."})
final class PutCommand extends StoreCommand {
  @Parameters(index = "1", paramLabel = "COLLECTION", description = "The collection.")
  String collection;

  @Parameters(index = "2", paramLabel = "ID", description = "The record id.")
  String id;

  @Parameters(index = "3", paramLabel = "VALUE", description = "The value as UTF-8 text, or @FILE for a file's bytes.")
  String value;

  @Option(names = "--replace", description = "Replace the record if it exists (its index keys and name are dropped).")
  boolean replace;

  @Override
  int run(Store store) throws IOException {
    Schema<byte[]> schema = Schema.of(collection, Codec.bytes());
    byte[] bytes = value.startsWith("@") ? readFile(Path.of(value.substring(1)))
        : value.getBytes(StandardCharsets.UTF_8);
    long revision;
    try {
      revision = store.update(tx -> {
        if (replace) {
          tx.put(schema, id, bytes);
        } else {
          tx.create(schema, id, bytes);
        }
      });
    } catch (AlreadyExistsException e) {
      note(e.getMessage() + "; pass --replace to replace it (its index keys and name are dropped)");
      return 1;
    }
    Entry<byte[]> written = store.view(tx -> tx.get(schema, id)).orElseThrow();
    if (json) {
      out().println(ListCommand.recordJson(collection, written));
    } else {
      out().println("revision " + revision + ": " + collection + "/" + Rendering.idText(id) + " version "
          + written.modRevision() + ", " + bytes.length + " bytes");
    }
    out().flush();
    return 0;
  }

  private static byte[] readFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    return Files.readAllBytes(file);
  }
}
