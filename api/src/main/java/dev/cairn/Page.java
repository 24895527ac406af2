package dev.cairn;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, in id order. Immutable.
 *
 * @param <T> the value type
 */
public final class Page<T> {
  private final List<Entry<T>> items;
  private final String nextCursor;

  Page(List<Entry<T>> items, String nextCursor) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
  }

  /** Returns the records of the page, in id order; unmodifiable, never null. */
  public List<Entry<T>> items() {
    return items;
  }

  /**
   * Returns the cursor of the next page ({@link ListOptions#after(String)}), or empty when this
   * is the last page. The cursor is opaque.
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  @Override
  public String toString() {
    return "Page{" + items.size() + " items, next=" + nextCursor + "}";
  }
}
