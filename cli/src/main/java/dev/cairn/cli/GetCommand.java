package dev.cairn.cli;

import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Names;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn get URI COLLECTION ID…}: prints records by id, read at one revision; exit 1 if any is absent. */
@Command(name = "get", description = {
    "Print records by id.",
    "Each record with its version (modRevision), createRevision and value, as list shows them, read at one"
        + " revision. Exit code 1 when a record is absent (each one named on stderr)."})
final class GetCommand extends RecordsCommand {

  @Override
  int run(Store store) {
    Schema<byte[]> schema = Schema.of(collection, Codec.bytes());
    ids.forEach(Names::checkId);
    List<Optional<Entry<byte[]>>> found = store.view(tx -> {
      List<Optional<Entry<byte[]>>> out = new ArrayList<>();
      for (String id : ids) {
        out.add(tx.get(schema, id));
      }
      return out;
    });
    Table table = new Table("ID", "VERSION", "CREATED", "VALUE").rightAlign(1, 2);
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Optional<Entry<byte[]>> entry = found.get(i);
      if (entry.isEmpty()) {
        absent.add(ids.get(i));
      } else if (json) {
        out().println(ListCommand.recordJson(collection, entry.get()));
      } else {
        Entry<byte[]> e = entry.get();
        table.row(Rendering.idText(e.id()), Long.toString(e.modRevision()), Long.toString(e.createRevision()),
            Rendering.valueText(e.value()));
      }
    }
    if (!json && absent.size() < ids.size()) {
      table.print(out());
    }
    out().flush();
    for (String id : absent) {
      note("no record '" + Rendering.idText(id) + "' in " + collection + " (namespace " + store.namespace() + ")");
    }
    return absent.isEmpty() ? 0 : 1;
  }
}
