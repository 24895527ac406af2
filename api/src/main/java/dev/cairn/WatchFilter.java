package dev.cairn;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which changes a {@link Watch} delivers: by collection, id prefix and change type. A
 * transaction none of whose changes pass is not delivered at all. Immutable.
 */
public final class WatchFilter {
  private static final WatchFilter ALL = new WatchFilter(Set.of(), null, EnumSet.allOf(ChangeType.class));

  private final Set<String> collections;
  private final String idPrefix;
  private final Set<ChangeType> types;

  private WatchFilter(Set<String> collections, String idPrefix, Set<ChangeType> types) {
    this.collections = collections;
    this.idPrefix = idPrefix;
    this.types = types;
  }

  /** Passes every change. */
  public static WatchFilter all() {
    return ALL;
  }

  /** Passes changes of the named collections only. */
  public static WatchFilter collections(String... names) {
    return ALL.andCollections(names);
  }

  /** Returns a copy passing only the named collections; replaces any earlier collection choice. */
  public WatchFilter andCollections(String... names) {
    for (String n : names) {
      Names.checkCollection(n);
    }
    // Set.copyOf, not Set.of: naming a collection twice is harmless, not an IllegalArgumentException.
    return new WatchFilter(Set.copyOf(Arrays.asList(names)), idPrefix, types);
  }

  /** Returns a copy passing only ids starting with {@code prefix}; replaces any earlier prefix. */
  public WatchFilter andIdPrefix(String prefix) {
    return new WatchFilter(collections, Names.checkKey("id prefix", prefix), types);
  }

  /** Returns a copy passing only the given change types; replaces any earlier type choice. */
  public WatchFilter andTypes(ChangeType first, ChangeType... more) {
    EnumSet<ChangeType> set = EnumSet.of(Objects.requireNonNull(first, "type"), more);
    return new WatchFilter(collections, idPrefix, set);
  }

  /** Returns whether a change of this collection, id and type passes. */
  public boolean test(String collection, String id, ChangeType type) {
    return (collections.isEmpty() || collections.contains(collection))
        && (idPrefix == null || id.startsWith(idPrefix))
        && types.contains(type);
  }

  @Override
  public String toString() {
    return "WatchFilter{collections=" + collections + ", idPrefix=" + idPrefix + ", types=" + types + "}";
  }
}
