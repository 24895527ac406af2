package dev.cairn.tck;

import dev.cairn.Cairn;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/** Opens stores from URIs and remembers each one's URI and options, so it can reopen them. */
final class UriStoreFactory implements StoreFactory {
  private final Function<StoreOptions, UriAndOptions> freshUri;
  private final Map<Store, UriAndOptions> opened = Collections.synchronizedMap(new IdentityHashMap<>());

  UriStoreFactory(Function<StoreOptions, UriAndOptions> freshUri) {
    this.freshUri = freshUri;
  }

  @Override
  public Store open(StoreOptions options) {
    UriAndOptions target = freshUri.apply(options);
    Store store = Cairn.open(target.uri(), target.options());
    opened.put(store, target);
    return store;
  }

  @Override
  public Store reopen(Store closed) {
    UriAndOptions target = opened.get(closed);
    if (target == null) {
      throw new IllegalArgumentException("this factory did not open " + closed);
    }
    Store store = Cairn.open(target.uri(), target.options());
    opened.put(store, target);
    return store;
  }
}
