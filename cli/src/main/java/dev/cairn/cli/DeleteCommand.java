package dev.cairn.cli;

import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn delete URI COLLECTION ID…}: deletes records in one transaction; exit 1 if one is absent. */
@Command(name = "delete", description = "Delete records by id, all in one transaction; nothing is deleted if one is absent.")
final class DeleteCommand extends RecordsCommand {

  @Override
  int run(Store store) {
    Schema<byte[]> schema = Schema.of(collection, Codec.bytes());
    long revision = store.update(tx -> ids.forEach(id -> tx.delete(schema, id)));
    out().println("revision " + revision + ": deleted " + ids.size() + " record" + (ids.size() == 1 ? "" : "s")
        + " from " + collection);
    out().flush();
    return 0;
  }
}
