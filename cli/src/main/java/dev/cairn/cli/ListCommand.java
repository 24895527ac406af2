package dev.cairn.cli;

import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn list URI [COLLECTION]}: the namespace's collections with their record counts,
 * or one collection's records in id order. Records and counts are read at one revision; the
 * collection names (which a read transaction does not give) are read just before it and again
 * after it, until they agree.
 */
@Command(name = "list", description = {
    "List a namespace's collections, or the records of one collection.",
    "Without COLLECTION: each collection with its record count and value bytes. With it: its records in id"
        + " order with version (modRevision), createRevision and value. Values show as UTF-8 text, or as"
        + " base64:… when they are not text. Records and counts are read at one revision; the collection"
        + " names just before it, re-read until they are the same after it."})
final class ListCommand extends StoreCommand {
  @Parameters(index = "1", arity = "0..1", paramLabel = "COLLECTION", description = "The collection to list.")
  String collection;

  @Option(names = "--prefix", paramLabel = "P", description = "Only records whose id starts with P.")
  String prefix;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Show at most N records (default: ${DEFAULT-VALUE}); says so when more remain.")
  int limit;

  /** One collection's record count and value bytes. */
  record Summary(String collection, long records, long bytes) {}

  /** The records shown, and whether more follow them. */
  record Listing(List<Entry<byte[]>> records, boolean more) {}

  @Override
  int run(Store store) {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1: " + limit);
    }
    if (collection == null) {
      if (prefix != null) {
        throw new IllegalArgumentException("--prefix needs a collection");
      }
      return listCollections(store);
    }
    return listRecords(store, Schema.of(collection, Codec.bytes()));
  }

  /** How many times the names are read around the counting view before the last reading is kept. */
  private static final int NAME_READS = 5;

  private int listCollections(Store store) {
    List<String> names = store.collections();
    List<Summary> summaries = count(store, names);
    // Names come from outside the view: re-read them, so that a collection created or emptied
    // around the view's revision is not shown with a count of another revision.
    for (int read = 1; read < NAME_READS; read++) {
      List<String> after = store.collections();
      if (after.equals(names)) {
        break;
      }
      names = after;
      summaries = count(store, names);
    }
    return print(summaries, store);
  }

  /** Counts the records and value bytes of {@code names} at one revision, leaving out those holding none. */
  private static List<Summary> count(Store store, List<String> names) {
    return store.view(tx -> {
      List<Summary> out = new ArrayList<>();
      for (String name : names) {
        Schema<byte[]> schema = Schema.of(name, Codec.bytes());
        long records = 0;
        long bytes = 0;
        ListOptions page = ListOptions.all().limit(ListOptions.MAX_LIMIT);
        while (page != null) {
          Page<byte[]> read = tx.list(schema, page);
          for (Entry<byte[]> e : read.items()) {
            records++;
            bytes += e.value().length;
          }
          page = read.nextCursor().map(page::after).orElse(null);
        }
        if (records > 0) {
          out.add(new Summary(name, records, bytes));
        }
      }
      return out;
    });
  }

  private int print(List<Summary> summaries, Store store) {
    if (json) {
      for (Summary s : summaries) {
        out().println(new Json().put("collection", s.collection()).put("records", s.records()).put("bytes", s.bytes()));
      }
    } else if (summaries.isEmpty()) {
      note("namespace " + store.namespace() + " holds no records");
    } else {
      Table table = new Table("COLLECTION", "RECORDS", "BYTES");
      for (Summary s : summaries) {
        table.row(s.collection(), Long.toString(s.records()), Long.toString(s.bytes()));
      }
      table.rightAlign(1, 2).print(out());
    }
    out().flush();
    return 0;
  }

  private int listRecords(Store store, Schema<byte[]> schema) {
    ListOptions first = (prefix == null ? ListOptions.all() : ListOptions.prefix(prefix));
    Listing listing = store.view(tx -> {
      List<Entry<byte[]>> out = new ArrayList<>();
      // One more than asked, to tell whether more remain.
      ListOptions page = first.limit(Math.min(limit + 1, ListOptions.MAX_LIMIT));
      while (page != null && out.size() <= limit) {
        Page<byte[]> read = tx.list(schema, page);
        out.addAll(read.items());
        page = read.nextCursor().map(page::after).orElse(null);
      }
      boolean more = out.size() > limit || page != null;
      return new Listing(out.size() > limit ? List.copyOf(out.subList(0, limit)) : out, more);
    });
    if (listing.records().isEmpty()) {
      List<String> collections = store.collections();
      if (!collections.contains(schema.collection())) {
        note("no collection '" + schema.collection() + "' in namespace " + store.namespace()
            + "; collections: " + (collections.isEmpty() ? "none" : String.join(", ", collections)));
        return 1;
      }
    }
    print(listing.records());
    if (listing.more()) {
      note("more records remain after " + Rendering.idText(listing.records().get(limit - 1).id())
          + "; raise --limit or narrow with --prefix");
    } else if (listing.records().isEmpty()) {
      note("no records in " + schema.collection() + (prefix == null ? "" : " with id prefix '" + prefix + "'"));
    }
    return 0;
  }

  private void print(List<Entry<byte[]>> records) {
    if (json) {
      for (Entry<byte[]> e : records) {
        out().println(recordJson(collection, e));
      }
    } else if (!records.isEmpty()) {
      Table table = new Table("ID", "VERSION", "CREATED", "VALUE");
      for (Entry<byte[]> e : records) {
        table.row(Rendering.idText(e.id()), Long.toString(e.modRevision()), Long.toString(e.createRevision()),
            Rendering.valueText(e.value()));
      }
      table.rightAlign(1, 2).print(out());
    }
    out().flush();
  }

  /** Returns one record as a JSON object, as {@code list} and {@code get} print it. */
  static Json recordJson(String collection, Entry<byte[]> e) {
    Json json = new Json().put("collection", collection).put("id", e.id())
        .put("version", e.modRevision()).put("createRevision", e.createRevision());
    return Rendering.value(json, e.value());
  }
}
