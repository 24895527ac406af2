/**
 * Versioned application snapshots: a {@link dev.cairn.snapshot.SnapshotFormat} registers every
 * version of a value type's binary format, with a reader per version, an upgrade step from each
 * version to the next and the writer of the newest; {@link dev.cairn.snapshot.Snapshots} keeps
 * them as records of any {@link dev.cairn.Store}, with history.
 *
 * <pre>{@code
 * // Version 1 held the task names; version 2 adds the time of the last run.
 * SnapshotFormat<StateV2> format = SnapshotFormat.named("scheduler")
 *     .first(1, StateV1::decode)
 *     .then(2, StateV1::toV2, StateV2::decode)   // upgrade from v1, reader of v2
 *     .writer(StateV2::encode);                  // the newest version writes
 *
 * byte[] bytes = format.write(state);            // header (magic, name, version, length, CRC32C) + payload
 * StateV2 again = format.read(bytes);            // reads v1 or v2 bytes, upgrading v1
 *
 * Snapshots<StateV2> snapshots = Snapshots.of(store, format);
 * long sequence = snapshots.save("cluster-a", state);          // a new record per save
 * Optional<StateV2> latest = snapshots.load("cluster-a");      // the latest wins
 * List<SnapshotInfo> history = snapshots.history("cluster-a"); // newest first
 * snapshots.prune("cluster-a", 10);                            // keep the newest ten
 * }</pre>
 *
 * <p>Malformed input of any kind (empty, truncated, a bad checksum, an unknown version, another
 * format, trailing bytes) fails with {@link dev.cairn.CorruptedException} naming what was wrong;
 * reading never returns null or a silently empty value.
 */
package dev.cairn.snapshot;
