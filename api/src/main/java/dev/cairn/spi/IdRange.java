package dev.cairn.spi;

import dev.cairn.Ids;

/**
 * A range of record ids in {@link Ids#ORDER}: from {@code lower} (inclusive or not) to
 * {@code upper} (exclusive). A null bound is unbounded.
 *
 * @param lower the lower bound, or null
 * @param lowerInclusive whether an id equal to {@code lower} is in the range
 * @param upper the exclusive upper bound, or null
 */
public record IdRange(String lower, boolean lowerInclusive, String upper) {
  /** The range of every id. */
  public static final IdRange ALL = new IdRange(null, true, null);

  /** Returns whether {@code id} lies in the range. */
  public boolean contains(String id) {
    if (lower != null) {
      int c = Ids.compare(id, lower);
      if (c < 0 || (c == 0 && !lowerInclusive)) {
        return false;
      }
    }
    return upper == null || Ids.compare(id, upper) < 0;
  }

  /** Returns this range narrowed to ids strictly after {@code id}. */
  public IdRange after(String id) {
    if (lower != null && Ids.compare(lower, id) > 0) {
      return this;
    }
    return new IdRange(id, false, upper);
  }
}
