package dev.cairn.snapshot;

import dev.cairn.CorruptedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.NotFoundException;
import dev.cairn.Store;
import dev.cairn.TooLargeException;
import dev.cairn.TransactionConflictException;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots of one {@link SnapshotFormat} saved as records of a {@link Store}, with their history:
 * each save adds a record under the next sequence of its id, the latest wins, older ones stay
 * listable until {@linkplain #prune pruned}. Works on every backend: it uses only the public
 * store API. Thread-safe; every method is one transaction (prune: several).
 *
 * <p>The records live in the collection {@code cairn-snap-<format name>} ({@link #collection()}):
 * the snapshot with sequence {@code s} of id {@code x} is the record {@code x/<s as 19 decimal
 * digits>}, so its history lists in order under the prefix {@code x/}; the record {@code x}
 * holds the last sequence given out, in ASCII decimal. Each record's value is the snapshot's bytes
 * as {@link SnapshotFormat#write} made them.
 *
 * @param <T> the value type
 */
public interface Snapshots<T> {
  /** The prefix of the collection names; the format name follows it. */
  String COLLECTION_PREFIX = "cairn-snap-";

  /**
   * Returns the snapshots of a format in a store.
   *
   * @param store the store, never null; not closed by the returned object
   * @param format the format, never null
   * @return the snapshots, never null
   * @throws NullPointerException if an argument is null
   */
  static <T> Snapshots<T> of(Store store, SnapshotFormat<T> format) {
    return new StoreSnapshots<>(store, format);
  }

  /** Returns the format, never null. */
  SnapshotFormat<T> format();

  /** Returns the name of the collection holding the records: {@value #COLLECTION_PREFIX} and the format name. */
  String collection();

  /**
   * Saves a value as the newest snapshot of an id, in one serializable transaction that assigns
   * the next sequence: concurrent saves of one id get distinct sequences. The value is encoded
   * once, before the transaction.
   *
   * @param id the snapshot id: a valid record id without {@code '/'}, at most 492 UTF-8 bytes
   * @param value the value, never null
   * @return the sequence of the new snapshot, from 1
   * @throws NullPointerException if the value is null
   * @throws InvalidArgumentException if the id is invalid, or the writer returned null
   * @throws TooLargeException if the snapshot is larger than the store's
   *     {@linkplain dev.cairn.Capabilities#maxValueBytes() value limit}
   * @throws CorruptedException if the id's sequence record is damaged
   * @throws TransactionConflictException if every attempt conflicted
   */
  long save(String id, T value);

  /**
   * Loads the latest snapshot of an id, upgraded to the newest version.
   *
   * @return the value, or empty if the id was never saved; never a null value
   * @throws InvalidArgumentException if the id is invalid
   * @throws CorruptedException if the snapshot or its sequence record is damaged, missing or of an
   *     unknown version
   */
  Optional<T> load(String id);

  /**
   * Loads one snapshot of an id's history, upgraded to the newest version.
   *
   * @param sequence a sequence {@link #save} returned, from 1
   * @return the value, never null
   * @throws InvalidArgumentException if the id is invalid or the sequence is below 1
   * @throws NotFoundException if there is no snapshot with that sequence (never saved, or pruned)
   * @throws CorruptedException if the snapshot is damaged or of an unknown version
   */
  T load(String id, long sequence);

  /**
   * Lists the snapshots of an id kept in the store, newest first, read at one revision. Checks
   * each header, not each payload.
   *
   * @return the history, empty if the id was never saved; unmodifiable, never null
   * @throws InvalidArgumentException if the id is invalid
   * @throws CorruptedException if a record's id or header is damaged
   */
  List<SnapshotInfo> history(String id);

  /**
   * Deletes all but the newest {@code keep} snapshots of an id, in transactions of bounded size;
   * the sequence record stays, so sequences are never reused. Not atomic as a whole: a concurrent
   * reader may see part of the history deleted.
   *
   * @param keep how many of the newest to keep, at least 1
   * @return how many snapshots this call deleted
   * @throws InvalidArgumentException if the id is invalid or {@code keep} is below 1
   */
  int prune(String id, int keep);
}
