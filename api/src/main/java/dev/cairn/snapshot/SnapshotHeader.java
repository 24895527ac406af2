package dev.cairn.snapshot;

import dev.cairn.CorruptedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The header of a snapshot (layout in {@link SnapshotFormat}): encoding, and strict parsing that
 * names the offset and what was wrong. Immutable.
 */
final class SnapshotHeader {
  static final byte[] MAGIC = {'C', 'S', 'N', 'P'};
  static final int HEADER_VERSION = 1;
  /** Magic, header version and name length: what must be read to know the header's length. */
  static final int PREFIX_BYTES = 6;
  /** The header bytes besides the name. */
  static final int FIXED_BYTES = PREFIX_BYTES + 4 + 8 + 4 + 4;

  private final String name;
  private final int version;
  private final long payloadLength;
  private final int payloadCrc;
  private final int length;

  private SnapshotHeader(String name, int version, long payloadLength, int payloadCrc, int length) {
    this.name = name;
    this.version = version;
    this.payloadLength = payloadLength;
    this.payloadCrc = payloadCrc;
    this.length = length;
  }

  /** Returns the header of a payload of {@code version}; the name is ASCII by the format name rule. */
  static byte[] encode(String name, int version, byte[] payload) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + nameBytes.length);
    b.put(MAGIC).put((byte) HEADER_VERSION).put((byte) nameBytes.length).put(nameBytes);
    b.putInt(version).putLong(payload.length).putInt(crc(payload, 0, payload.length));
    b.putInt(crc(b.array(), 0, b.position()));
    return b.array();
  }

  /**
   * Parses the header at the start of {@code bytes}, which may hold more (the payload) or, to
   * be reported as truncated, less.
   *
   * @param expectedName the format the caller reads
   * @throws CorruptedException if the header is missing, truncated, damaged or of another format
   */
  static SnapshotHeader parse(byte[] bytes, String expectedName) {
    int available = bytes.length;
    if (available == 0) {
      throw new CorruptedException("empty input: expected a snapshot of format '" + expectedName + "'");
    }
    for (int i = 0; i < Math.min(available, MAGIC.length); i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new CorruptedException("bad magic at offset 0: expected 43534e50 (\"CSNP\"), got "
            + hex(bytes, Math.min(available, MAGIC.length)) + "; not a snapshot (expected format '"
            + expectedName + "')");
      }
    }
    if (available > MAGIC.length && (bytes[MAGIC.length] & 0xff) != HEADER_VERSION) {
      throw new CorruptedException("unknown header version " + (bytes[MAGIC.length] & 0xff) + " at offset "
          + MAGIC.length + "; this reader knows header version " + HEADER_VERSION);
    }
    if (available < PREFIX_BYTES) {
      throw truncated(expectedName, PREFIX_BYTES, available);
    }
    int nameLength = bytes[PREFIX_BYTES - 1] & 0xff;
    int length = FIXED_BYTES + nameLength;
    if (available < length) {
      throw truncated(expectedName, length, available);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
    int crcOffset = length - 4;
    int expectedCrc = b.getInt(crcOffset);
    int actualCrc = crc(bytes, 0, crcOffset);
    if (expectedCrc != actualCrc) {
      throw new CorruptedException(String.format("bad header checksum at offset %d (expected format '%s'): the"
          + " header says %08x, its %d bytes have %08x", crcOffset, expectedName, expectedCrc, crcOffset, actualCrc));
    }
    String name = new String(bytes, PREFIX_BYTES, nameLength, StandardCharsets.UTF_8);
    if (!name.equals(expectedName)) {
      throw new CorruptedException("a snapshot of format '" + name + "', not of format '" + expectedName + "'");
    }
    int at = PREFIX_BYTES + nameLength;
    int version = b.getInt(at);
    long payloadLength = b.getLong(at + 4);
    if (payloadLength < 0) {
      throw new CorruptedException("negative payload length " + payloadLength + " at offset " + (at + 4)
          + " of format '" + expectedName + "'");
    }
    return new SnapshotHeader(name, version, payloadLength, b.getInt(at + 12), length);
  }

  /** Reads and parses the header at the start of a stream, consuming exactly the header's bytes. */
  static SnapshotHeader read(InputStream in, String expectedName) throws IOException {
    byte[] prefix = in.readNBytes(PREFIX_BYTES);
    if (prefix.length < PREFIX_BYTES) {
      parse(prefix, expectedName); // throws: empty, bad magic or truncated
    }
    byte[] rest = in.readNBytes(FIXED_BYTES - PREFIX_BYTES + (prefix[PREFIX_BYTES - 1] & 0xff));
    byte[] header = new byte[prefix.length + rest.length];
    System.arraycopy(prefix, 0, header, 0, prefix.length);
    System.arraycopy(rest, 0, header, prefix.length, rest.length);
    return parse(header, expectedName);
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  String name() {
    return name;
  }

  int version() {
    return version;
  }

  long payloadLength() {
    return payloadLength;
  }

  int payloadCrc() {
    return payloadCrc;
  }

  /** Returns the header's length in bytes, which is also the payload's offset. */
  int length() {
    return length;
  }

  private static CorruptedException truncated(String expectedName, int expected, int actual) {
    return new CorruptedException("truncated header (expected format '" + expectedName + "'): expected "
        + expected + " bytes, got " + actual);
  }

  private static String hex(byte[] bytes, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(String.format("%02x", bytes[i] & 0xff));
    }
    return s.toString();
  }
}
