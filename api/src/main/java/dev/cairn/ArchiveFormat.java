package dev.cairn;

import java.nio.charset.StandardCharsets;

/**
 * The archive format, version 1. Every integer is big-endian.
 *
 * <pre>
 * archive  = magic "CAIRNARC" (8 bytes), version (u16 = 1), block*
 * block    = kind (u8), payload length (u32), payload, CRC32C of kind, length and payload (u32)
 * blocks   = one HEADER, then RECORDS blocks, then CHANGES blocks, then one TRAILER, then end of input
 * HEADER   = namespace (string), created millis (i64)
 * RECORDS  = count (u32), count x (collection, id (strings), value (bytes), index keys)
 * CHANGES  = count (u32), count x (revision (i64), collection, id (strings), put (u8 0/1),
 *            if put: value (bytes), index keys)
 * TRAILER  = revision (i64), records (i64), changes (i64), bytes before the trailer (i64),
 *            CRC32C of every byte before the trailer (u32)
 * string   = bytes of its UTF-8; bytes = length (u32), the bytes
 * index keys = count (u32), count x (index name (string), key count (u32), keys (strings))
 * </pre>
 *
 * <p>A writer closes a block once its payload reaches {@link #BLOCK_TARGET_BYTES}, and no entry
 * exceeds {@link #MAX_ENTRY_BYTES}, so no payload exceeds {@link #MAX_PAYLOAD_BYTES}: a reader
 * rejects a longer length field as damage before reading the block, and so needs memory for one
 * block at most, whatever the archive's size.
 */
final class ArchiveFormat {
  static final byte[] MAGIC = "CAIRNARC".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int PREAMBLE_BYTES = MAGIC.length + 2;

  static final byte HEADER = 'H';
  static final byte RECORDS = 'R';
  static final byte CHANGES = 'C';
  static final byte TRAILER = 'T';

  /** A block is closed once its payload reaches this size (one large value makes a larger one). */
  static final int BLOCK_TARGET_BYTES = 64 * 1024;
  /** The largest entry (one record or change, with its ids and index keys) an archive holds. */
  static final int MAX_ENTRY_BYTES = 64 << 20;
  /** The largest payload a writer makes and a reader accepts: more means a damaged length field. */
  static final int MAX_PAYLOAD_BYTES = BLOCK_TARGET_BYTES + MAX_ENTRY_BYTES;
  /** How much of a block body a reader allocates before its bytes have arrived. */
  static final int READ_CHUNK_BYTES = 1 << 16;

  /** The most records per page, and changes per read, when exporting or following ({@link PageSizer} picks fewer for large values). */
  static final int PAGE = 1000;

  private ArchiveFormat() {}
}
