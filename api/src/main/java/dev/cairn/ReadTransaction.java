package dev.cairn;

import java.util.List;
import java.util.Optional;

/**
 * Reads of one transaction. Every read of a transaction sees the store at one revision,
 * {@link #readRevision()}, plus (in an {@link Transaction update}) the transaction's own
 * writes. In a {@link Store#view view}, reads answered after the store moved on are brought back
 * to that revision from the change feed. In an update, or when the feed no longer holds what a
 * view needs, a read that would be inconsistent with earlier ones throws an internal signal that
 * makes Cairn run the callback again; callers must let exceptions they do not recognise
 * propagate.
 *
 * <p>A transaction object is confined to the callback that received it and to its thread.
 */
public interface ReadTransaction {

  /** Returns the revision this transaction reads at, 0 before its first read. */
  long readRevision();

  /**
   * Reads a record by id.
   *
   * @return the record, or empty if absent
   * @throws InvalidArgumentException if the id is invalid
   */
  <T> Optional<Entry<T>> get(Schema<T> schema, String id);

  /**
   * Reads the record with a name, case-insensitively.
   *
   * @return the record, or empty if none has the name
   * @throws InvalidArgumentException if the schema has no name or the name is invalid
   */
  <T> Optional<Entry<T>> getByName(Schema<T> schema, String name);

  /**
   * Lists one page of records in id order.
   *
   * @return the page, never null
   */
  <T> Page<T> list(Schema<T> schema, ListOptions options);

  /** Lists every record of the collection, in id order, reading page after page. */
  <T> List<Entry<T>> listAll(Schema<T> schema);

  /**
   * Finds records by index or name: exact, prefix, or a union of those, each record once,
   * in id order.
   *
   * @throws InvalidArgumentException if the index is not declared by the schema
   */
  <T> List<Entry<T>> find(Schema<T> schema, By by);
}
