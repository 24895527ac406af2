package dev.cairn;

import java.util.List;
import java.util.Objects;

/**
 * A selection of records by name or secondary index, for
 * {@link ReadTransaction#find(Schema, By)}. Immutable.
 */
public abstract class By {
  private By() {}

  /** Selects records whose index {@code index} holds exactly {@code key}. */
  public static By exact(String index, String key) {
    return new Exact(Names.checkIndex(index), Names.checkKey("index key", key), false);
  }

  /** Selects records whose index {@code index} holds a key starting with {@code prefix}. */
  public static By prefix(String index, String prefix) {
    return new Exact(Names.checkIndex(index), Names.checkKey("index prefix", prefix), true);
  }

  /** Selects the record named {@code name}, case-insensitively. */
  public static By name(String name) {
    return new Exact(Schema.NAME_INDEX, NameKey.of(Names.checkKey("name", name)), false);
  }

  /** Selects the records whose name starts with {@code prefix}, case-insensitively. */
  public static By namePrefix(String prefix) {
    return new Exact(Schema.NAME_INDEX, NameKey.of(Names.checkKey("name prefix", prefix)), true);
  }

  /** Selects the union of the selections, each record once. */
  public static By or(By... alternatives) {
    if (alternatives.length == 0) {
      throw new InvalidArgumentException("By.or needs at least one alternative");
    }
    for (By b : alternatives) {
      Objects.requireNonNull(b, "alternative");
    }
    return new Or(List.of(alternatives));
  }

  static final class Exact extends By {
    final String index;
    final String key;
    final boolean prefix;

    Exact(String index, String key, boolean prefix) {
      this.index = index;
      this.key = key;
      this.prefix = prefix;
    }

    @Override public String toString() {
      return (prefix ? "prefix(" : "exact(") + index + ", " + key + ")";
    }
  }

  static final class Or extends By {
    final List<By> alternatives;

    Or(List<By> alternatives) {
      this.alternatives = alternatives;
    }

    @Override public String toString() {
      return "or" + alternatives;
    }
  }
}
