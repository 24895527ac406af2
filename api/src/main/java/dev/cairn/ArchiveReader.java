package dev.cairn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads an archive in the {@link ArchiveFormat archive format} block by block, checking every
 * checksum, count and bound, and hands its entries to a sink. Memory is one block. Any damage
 * is a {@link CorruptedException} naming the byte offset; entries before it have already reached
 * the sink, which is why an import reads twice. Not thread-safe.
 */
final class ArchiveReader {
  private final InputStream in;
  private final String source;
  private final ArchiveSink sink;
  private final ProgressMeter meter;
  private final CRC32C fileCrc = new CRC32C();
  private final CRC32C blockCrc = new CRC32C();
  private long offset;
  private String lastCollection;
  private long entries;

  /** The payload being parsed, and where it starts in the archive. */
  private byte[] payload;
  private int position;
  private long payloadOffset;

  /**
   * @param source names the archive in messages
   * @param meter reports progress after each block
   */
  ArchiveReader(InputStream in, String source, ArchiveSink sink, ProgressMeter meter) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.source = source;
    this.sink = sink;
    this.meter = meter;
  }

  /**
   * Reads the whole archive into the sink.
   *
   * @return what the archive holds
   * @throws CorruptedException if the archive is damaged, truncated, followed by more bytes or of
   *     an unknown version
   * @throws UncheckedIOException if the stream fails
   */
  ExportSummary read() {
    byte[] preamble = readFully(ArchiveFormat.PREAMBLE_BYTES, "the archive's magic and version");
    if (!Arrays.equals(preamble, 0, ArchiveFormat.MAGIC.length, ArchiveFormat.MAGIC, 0, ArchiveFormat.MAGIC.length)) {
      throw corrupted(0, "bad magic: not a Cairn archive");
    }
    int version = ((preamble[8] & 0xff) << 8) | (preamble[9] & 0xff);
    if (version != ArchiveFormat.VERSION) {
      throw corrupted(8, "unknown archive format version " + version + " (this Cairn reads version "
          + ArchiveFormat.VERSION + ")");
    }
    fileCrc.update(preamble);
    long blockOffset = readBlock(ArchiveFormat.HEADER);
    String namespace = string();
    long created = readLong();
    checkConsumed(blockOffset);
    sink.begin(namespace, created);
    long records = 0;
    long changes = 0;
    long lastRevision = 0;
    byte section = ArchiveFormat.RECORDS;
    while (true) {
      blockOffset = readBlock((byte) 0);
      byte kind = payloadKind;
      if (kind == ArchiveFormat.TRAILER) {
        break;
      }
      if (kind == ArchiveFormat.RECORDS && section == ArchiveFormat.CHANGES) {
        throw corrupted(blockOffset, "a record block after the change blocks");
      }
      if (kind != ArchiveFormat.RECORDS && kind != ArchiveFormat.CHANGES) {
        throw corrupted(blockOffset, "unknown block kind " + (kind & 0xff));
      }
      section = kind;
      int count = readInt();
      if (count <= 0) {
        throw corrupted(blockOffset, "a block of " + count + " entries");
      }
      for (int i = 0; i < count; i++) {
        long entryOffset = payloadOffset + position;
        if (kind == ArchiveFormat.RECORDS) {
          String collection = collection(entryOffset);
          String id = id(entryOffset);
          byte[] value = bytes();
          sink.record(collection, id, value, indexKeys());
          records++;
        } else {
          long revision = readLong();
          if (revision < lastRevision || revision < 1) {
            throw corrupted(entryOffset, "change revision " + revision + " after revision " + lastRevision);
          }
          lastRevision = revision;
          String collection = collection(entryOffset);
          String id = id(entryOffset);
          int put = readByte();
          if (put > 1) {
            throw corrupted(entryOffset, "change flag " + put);
          }
          byte[] value = put == 1 ? bytes() : null;
          sink.change(revision, collection, id, value, put == 1 ? indexKeys() : Map.of());
          changes++;
        }
        entries++;
      }
      checkConsumed(blockOffset);
      meter.report(entries, offset);
    }
    int expectedCrc = (int) fileCrc.getValue();
    long revision = readLong();
    long trailerRecords = readLong();
    long trailerChanges = readLong();
    long before = readLong();
    int crc = readInt();
    checkConsumed(blockOffset);
    if (trailerRecords != records || trailerChanges != changes || before != blockOffset) {
      throw corrupted(blockOffset, "the trailer counts " + trailerRecords + " records, " + trailerChanges
          + " changes and " + before + " bytes before it; the archive holds " + records + ", " + changes
          + " and " + blockOffset);
    }
    if (crc != expectedCrc) {
      throw corrupted(blockOffset, "the archive's CRC32C does not match its trailer");
    }
    if (revision < lastRevision) {
      throw corrupted(blockOffset, "archive revision " + revision + " is below its last change's " + lastRevision);
    }
    if (readByteOfStream() >= 0) {
      throw corrupted(offset - 1, "bytes after the trailer");
    }
    meter.report(entries, offset);
    sink.end(revision);
    return new ExportSummary(namespace, revision, created, records, changes, offset);
  }

  private byte payloadKind;

  /** Reads and checks one block, making it the payload; returns the block's offset. */
  private long readBlock(byte expectedKind) {
    long blockOffset = offset;
    byte[] frame = readFully(5, "a block header");
    byte kind = frame[0];
    if (expectedKind != 0 && kind != expectedKind) {
      throw corrupted(blockOffset, "block kind " + (kind & 0xff) + " where " + (char) expectedKind + " belongs");
    }
    long length = ((frame[1] & 0xffL) << 24) | ((frame[2] & 0xff) << 16) | ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
    if (length > ArchiveFormat.MAX_PAYLOAD_BYTES) {
      throw corrupted(blockOffset, "block length " + length + " is beyond any archive's ("
          + ArchiveFormat.MAX_PAYLOAD_BYTES + " bytes at most)");
    }
    byte[] body = readBody((int) length);
    byte[] crcBytes = readFully(4, "a block checksum");
    blockCrc.reset();
    blockCrc.update(frame);
    blockCrc.update(body);
    int crc = ((crcBytes[0] & 0xff) << 24) | ((crcBytes[1] & 0xff) << 16) | ((crcBytes[2] & 0xff) << 8) | (crcBytes[3] & 0xff);
    if (crc != (int) blockCrc.getValue()) {
      throw corrupted(blockOffset, "CRC32C mismatch in the block of " + length + " bytes");
    }
    if (kind != ArchiveFormat.TRAILER) {
      fileCrc.update(frame);
      fileCrc.update(body);
      fileCrc.update(crcBytes);
    }
    payloadKind = kind;
    payload = body;
    position = 0;
    payloadOffset = blockOffset + 5;
    return blockOffset;
  }

  /**
   * Reads a block body of {@code length} bytes, growing the buffer as bytes arrive: a damaged
   * length near the end of a short input costs what the input holds, not the length.
   */
  private byte[] readBody(int length) {
    byte[] body = new byte[Math.min(length, ArchiveFormat.READ_CHUNK_BYTES)];
    int read = 0;
    while (read < length) {
      if (read == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
      }
      int n;
      try {
        n = in.read(body, read, body.length - read);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source + " at byte offset " + (offset + read), e);
      }
      if (n < 0) {
        throw corrupted(offset + read, "truncated: the input ends inside a block of " + length + " bytes");
      }
      read += n;
    }
    offset += length;
    return body;
  }

  private byte[] readFully(int length, String what) {
    byte[] b;
    try {
      b = in.readNBytes(length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + " at byte offset " + offset, e);
    }
    if (b.length < length) {
      throw corrupted(offset + b.length, "truncated: the input ends inside " + what);
    }
    offset += length;
    return b;
  }

  private int readByteOfStream() {
    try {
      int b = in.read();
      if (b >= 0) {
        offset++;
      }
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + " at byte offset " + offset, e);
    }
  }

  private void checkConsumed(long blockOffset) {
    if (position != payload.length) {
      throw corrupted(blockOffset, "the block holds " + (payload.length - position) + " bytes past its entries");
    }
  }

  private void need(int n) {
    if (n < 0 || payload.length - position < n) {
      throw corrupted(payloadOffset + position, "an entry runs past the end of its block");
    }
  }

  private int readByte() {
    need(1);
    return payload[position++] & 0xff;
  }

  private int readInt() {
    need(4);
    int v = ((payload[position] & 0xff) << 24) | ((payload[position + 1] & 0xff) << 16)
        | ((payload[position + 2] & 0xff) << 8) | (payload[position + 3] & 0xff);
    position += 4;
    return v;
  }

  private long readLong() {
    return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
  }

  private byte[] bytes() {
    int length = readInt();
    need(length);
    byte[] b = Arrays.copyOfRange(payload, position, position + length);
    position += length;
    return b;
  }

  private String string() {
    int length = readInt();
    need(length);
    String s = new String(payload, position, length, StandardCharsets.UTF_8);
    position += length;
    return s;
  }

  private String collection(long entryOffset) {
    String name = string();
    if (name.equals(lastCollection)) {
      return lastCollection;
    }
    try {
      lastCollection = Names.checkCollection(name);
      return lastCollection;
    } catch (InvalidArgumentException e) {
      throw corrupted(entryOffset, "invalid collection name: " + e.getMessage());
    }
  }

  private String id(long entryOffset) {
    String id = string();
    try {
      return Names.checkId(id);
    } catch (InvalidArgumentException e) {
      throw corrupted(entryOffset, "invalid record id: " + e.getMessage());
    }
  }

  private Map<String, Set<String>> indexKeys() {
    int indexes = readInt();
    need(indexes);
    if (indexes == 0) {
      return Map.of();
    }
    Map<String, Set<String>> keys = new HashMap<>(indexes * 2);
    for (int i = 0; i < indexes; i++) {
      String index = string();
      int count = readInt();
      need(count);
      Set<String> set = new HashSet<>(count * 2);
      for (int k = 0; k < count; k++) {
        set.add(string());
      }
      keys.put(index, set);
    }
    return keys;
  }

  private CorruptedException corrupted(long at, String what) {
    return new CorruptedException(source + " is corrupted at byte offset " + at + ": " + what);
  }
}
