package dev.cairn.memory;

import dev.cairn.CairnException;
import dev.cairn.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The on-disk framing shared by journal logs and snapshots. A file starts with an 8-byte magic
 * and a 4-byte format version; then come entries, each a 12-byte header (payload length, CRC32C
 * of the payload, CRC32C of those 8 bytes) and the payload. The header checksum tells a damaged
 * length apart from a write cut short by a crash. All integers are big-endian.
 */
final class Frames {
  /** The format version this code writes and the only one it reads. */
  static final int VERSION = 1;
  static final int FILE_HEADER_BYTES = 12;
  static final int ENTRY_HEADER_BYTES = 12;
  static final byte[] LOG_MAGIC = "CAIRNLOG".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SNAPSHOT_MAGIC = "CAIRNSNP".getBytes(StandardCharsets.US_ASCII);

  private Frames() {}

  /** Returns the file header for {@code magic}. */
  static ByteBuffer fileHeader(byte[] magic) {
    return ByteBuffer.allocate(FILE_HEADER_BYTES).put(magic).putInt(VERSION).flip();
  }

  /** Returns a writer with room reserved for an entry header; {@link #seal} fills it in. */
  static Bytes.Writer newEntry() {
    return newEntry(new Bytes.Writer());
  }

  /** Empties {@code w} for reuse and reserves room for an entry header. */
  static Bytes.Writer newEntry(Bytes.Writer w) {
    w.reset();
    w.putLong(0).putInt(0);
    return w;
  }

  /** Fills in the header of an entry built with {@link #newEntry} and returns the whole entry. */
  static ByteBuffer seal(Bytes.Writer entry) {
    int length = entry.size() - ENTRY_HEADER_BYTES;
    byte[] a = entry.array();
    int payloadCrc = crc(a, ENTRY_HEADER_BYTES, length);
    ByteBuffer b = ByteBuffer.wrap(a, 0, entry.size());
    b.putInt(0, length).putInt(4, payloadCrc).putInt(8, crc(a, 0, 8));
    return b;
  }

  static int crc(byte[] a, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(a, offset, length);
    return (int) crc.getValue();
  }

  /** The error for damaged data: names the file, the offset and what was wrong. */
  static CairnException corrupt(Path file, long offset, String what) {
    return new CairnException(ErrorCode.INTERNAL, "memory store file " + file + " at offset " + offset + ": " + what
        + "; refusing to open rather than lose data (restore the file from a backup or move it away)");
  }

  /**
   * Checks a file's magic and version.
   *
   * @throws CairnException if the file is too short, of another kind, or of another version
   */
  static void checkFileHeader(FileChannel channel, Path file, byte[] magic) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
    while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
      // read until full or end of file
    }
    if (header.hasRemaining()) {
      throw corrupt(file, 0, "file header is only " + header.position() + " of " + FILE_HEADER_BYTES + " bytes");
    }
    byte[] found = Arrays.copyOf(header.array(), magic.length);
    if (!Arrays.equals(found, magic)) {
      throw corrupt(file, 0, "not a Cairn " + (magic == LOG_MAGIC ? "log" : "snapshot") + " file (bad magic)");
    }
    int version = header.getInt(magic.length);
    if (version != VERSION) {
      throw new CairnException(ErrorCode.INTERNAL, "memory store file " + file + " has format version " + version
          + ", but this Cairn reads only version " + VERSION + "; open it with the Cairn release that wrote it");
    }
  }

  /** Reads the entries of a file after its header, one by one, telling a torn tail from damage. */
  static final class Reader implements AutoCloseable {
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private final InputStream in;
    private final byte[] header = new byte[ENTRY_HEADER_BYTES];
    private long offset = FILE_HEADER_BYTES;
    private long entryOffset;
    private long entries;
    private String torn;

    Reader(FileChannel channel, Path file) throws IOException {
      this.channel = channel;
      this.file = file;
      this.size = channel.size();
      this.in = new BufferedInputStream(Channels.newInputStream(channel.position(FILE_HEADER_BYTES)), 1 << 16);
    }

    /**
     * Returns the next payload, or null at the end of the file or at a torn tail (see
     * {@link #torn()}).
     *
     * @throws CairnException if an entry before the tail is damaged
     */
    byte[] next() throws IOException {
      entryOffset = offset;
      if (offset == size) {
        return null;
      }
      int got = in.readNBytes(header, 0, ENTRY_HEADER_BYTES);
      if (got < ENTRY_HEADER_BYTES) {
        return tornTail("entry header cut short (" + got + " of " + ENTRY_HEADER_BYTES + " bytes)");
      }
      ByteBuffer h = ByteBuffer.wrap(header);
      int length = h.getInt(0);
      int payloadCrc = h.getInt(4);
      if (h.getInt(8) != crc(header, 0, 8)) {
        if (zerosFrom(offset)) {
          return tornTail("zero-filled tail");
        }
        throw corrupt(file, offset, "entry header checksum mismatch");
      }
      if (length < 0) {
        throw corrupt(file, offset, "negative entry length " + length);
      }
      long end = offset + ENTRY_HEADER_BYTES + length;
      if (end > size) {
        return tornTail("entry of " + length + " bytes cut short by the end of the file");
      }
      byte[] payload = in.readNBytes(length);
      if (payload.length != length) {
        throw new IOException(file + " shrank while being read");
      }
      if (crc(payload, 0, length) != payloadCrc) {
        if (end == size) {
          return tornTail("last entry checksum mismatch");
        }
        throw corrupt(file, offset, "checksum mismatch");
      }
      offset = end;
      entries++;
      return payload;
    }

    private byte[] tornTail(String why) {
      torn = why;
      return null;
    }

    /** Returns why the file ended in a torn entry, or null if it ended cleanly. */
    String torn() {
      return torn;
    }

    /** Returns how many whole entries were read. */
    long entryCount() {
      return entries;
    }

    /** Returns where the last entry returned by {@link #next()} (or the torn tail) starts. */
    long entryOffset() {
      return entryOffset;
    }

    /** Returns the end of the last whole entry: where a torn tail is cut off. */
    long validEnd() {
      return offset;
    }

    private boolean zerosFrom(long from) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(1 << 16);
      for (long p = from; p < size; ) {
        b.clear();
        int n = channel.read(b, p);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (b.get(i) != 0) {
            return false;
          }
        }
        p += n;
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
