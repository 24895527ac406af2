package dev.cairn.document;

import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.util.function.Consumer;

/** Walks a collection one page per view: no snapshot of the whole, no transaction held long. */
final class Listing {
  private Listing() {}

  /** Hands every record {@code first} and the pages after it select to {@code action}, in id order. */
  static void forEach(Store store, Schema<byte[]> schema, ListOptions first, Consumer<Entry<byte[]>> action) {
    ListOptions options = first;
    while (true) {
      ListOptions page = options;
      Page<byte[]> items = store.view(tx -> tx.list(schema, page));
      items.items().forEach(action);
      if (items.nextCursor().isEmpty()) {
        return;
      }
      options = options.after(items.nextCursor().get());
    }
  }
}
