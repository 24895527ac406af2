package dev.cairn;

import dev.cairn.spi.IndexKeys;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Declares a collection: its name, the codec of its values, an optional unique name and
 * secondary indexes. A schema is also the handle by which transactions address the
 * collection. Immutable and thread-safe; the functions it holds must be pure.
 *
 * <pre>{@code
 * static final Schema<Task> TASKS = Schema.builder("tasks", taskCodec)
 *     .name(Task::name)
 *     .index("node", task -> List.of(task.nodeId()))
 *     .build();
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Schema<T> {
  /** The index that holds lower-cased record names; not a valid user index name. */
  static final String NAME_INDEX = IndexKeys.NAME_INDEX;

  private final String collection;
  private final Codec<T> codec;
  private final Function<? super T, String> name;
  private final Map<String, Function<? super T, ? extends Collection<String>>> indexes;

  private Schema(Builder<T> b) {
    this.collection = b.collection;
    this.codec = b.codec;
    this.name = b.name;
    this.indexes = Collections.unmodifiableMap(new LinkedHashMap<>(b.indexes));
  }

  /**
   * Starts a schema.
   *
   * @param collection the collection name, {@code [a-z][a-z0-9_-]{0,62}}
   * @param codec the codec of values
   * @throws InvalidArgumentException if the name is invalid
   */
  public static <T> Builder<T> builder(String collection, Codec<T> codec) {
    return new Builder<>(collection, codec);
  }

  /** Returns a schema with no name and no index. */
  public static <T> Schema<T> of(String collection, Codec<T> codec) {
    return builder(collection, codec).build();
  }

  /** Returns the collection name. */
  public String collection() {
    return collection;
  }

  /** Returns the codec. */
  public Codec<T> codec() {
    return codec;
  }

  /** Returns whether records of this collection have a unique name. */
  public boolean hasName() {
    return name != null;
  }

  /** Returns the names of the secondary indexes, in declaration order; unmodifiable. */
  public java.util.Set<String> indexNames() {
    return indexes.keySet();
  }

  /** Returns the record's name, or null if the schema has none or the value has none. */
  String nameOf(T value) {
    return name == null ? null : name.apply(value);
  }

  Map<String, Function<? super T, ? extends Collection<String>>> indexes() {
    return indexes;
  }

  @Override
  public String toString() {
    return "Schema{" + collection + ", indexes=" + indexes.keySet() + (name == null ? "" : ", named") + "}";
  }

  /**
   * Builds a {@link Schema}. Not thread-safe.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final String collection;
    private final Codec<T> codec;
    private Function<? super T, String> name;
    private final Map<String, Function<? super T, ? extends Collection<String>>> indexes = new LinkedHashMap<>();

    private Builder(String collection, Codec<T> codec) {
      this.collection = Names.checkCollection(collection);
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Gives records a name, unique in the collection case-insensitively. The function may
     * return null for a record without a name.
     */
    public Builder<T> name(Function<? super T, String> nameOf) {
      this.name = Objects.requireNonNull(nameOf, "nameOf");
      return this;
    }

    /**
     * Adds a secondary index: a function of the value returning zero or more keys (no null).
     *
     * @throws InvalidArgumentException if the index name is invalid or already declared
     */
    public Builder<T> index(String indexName, Function<? super T, ? extends Collection<String>> keys) {
      Names.checkIndex(indexName);
      if (indexes.containsKey(indexName)) {
        throw new InvalidArgumentException("index '" + indexName + "' is declared twice in " + collection);
      }
      indexes.put(indexName, Objects.requireNonNull(keys, "keys"));
      return this;
    }

    /** Returns the schema. */
    public Schema<T> build() {
      return new Schema<>(this);
    }
  }
}
