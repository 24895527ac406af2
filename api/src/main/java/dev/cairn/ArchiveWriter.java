package dev.cairn;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Frames an export into the {@link ArchiveFormat archive format} on a stream, holding one block
 * in memory at a time. I/O failures surface as {@link UncheckedIOException}. Not thread-safe.
 */
final class ArchiveWriter implements ArchiveSink {
  private final OutputStream out;
  private final ProgressMeter meter;
  private final BlockBuffer block = new BlockBuffer();
  private final byte[] frame = new byte[5];
  private final CRC32C fileCrc = new CRC32C();
  private final CRC32C blockCrc = new CRC32C();
  private byte kind;
  private int entries;
  /** Where the entry being written starts in {@link #block}. */
  private int entryStart;
  private long bytes;
  private long records;
  private long changes;
  private String namespace;
  private long createdMillis;
  private ExportSummary summary;

  /**
   * @param out the stream; flushed but not closed at the end
   * @param meter reports progress after each block
   */
  ArchiveWriter(OutputStream out, ProgressMeter meter) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.meter = meter;
  }

  /** Returns the summary once {@link #end} has run. */
  ExportSummary summary() {
    return summary;
  }

  @Override
  public void begin(String namespace, long createdMillis) {
    this.namespace = namespace;
    this.createdMillis = createdMillis;
    byte[] preamble = new byte[ArchiveFormat.PREAMBLE_BYTES];
    System.arraycopy(ArchiveFormat.MAGIC, 0, preamble, 0, ArchiveFormat.MAGIC.length);
    preamble[ArchiveFormat.MAGIC.length] = (byte) (ArchiveFormat.VERSION >>> 8);
    preamble[ArchiveFormat.MAGIC.length + 1] = (byte) ArchiveFormat.VERSION;
    write(preamble, preamble.length);
    block.putString(namespace);
    block.putLong(createdMillis);
    kind = ArchiveFormat.HEADER;
    flushBlock();
  }

  @Override
  public void record(String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
    startEntry(ArchiveFormat.RECORDS);
    block.putString(collection);
    block.putString(id);
    block.putBytes(value);
    block.putIndexKeys(indexKeys);
    records++;
    endEntry(collection, id);
  }

  @Override
  public void change(long revision, String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
    startEntry(ArchiveFormat.CHANGES);
    block.putLong(revision);
    block.putString(collection);
    block.putString(id);
    block.putByte(value == null ? 0 : 1);
    if (value != null) {
      block.putBytes(value);
      block.putIndexKeys(indexKeys);
    }
    changes++;
    endEntry(collection, id);
  }

  @Override
  public void end(long revision) {
    if (entries > 0) {
      finishEntryBlock();
    }
    long before = bytes;
    block.putLong(revision);
    block.putLong(records);
    block.putLong(changes);
    block.putLong(before);
    block.putInt((int) fileCrc.getValue());
    kind = ArchiveFormat.TRAILER;
    flushBlock();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive after byte " + bytes, e);
    }
    summary = new ExportSummary(namespace, revision, createdMillis, records, changes, bytes);
  }

  /** Opens a block of {@code entryKind} unless one is open; reserves its count. */
  private void startEntry(byte entryKind) {
    if (entries > 0 && kind != entryKind) {
      finishEntryBlock();
    }
    if (entries == 0) {
      kind = entryKind;
      block.putInt(0);
    }
    entryStart = block.size();
  }

  /**
   * Counts the entry just written and closes the block once it reaches its target size.
   *
   * @throws TooLargeException if the entry is beyond what any reader accepts
   */
  private void endEntry(String collection, String id) {
    int entryBytes = block.size() - entryStart;
    if (entryBytes > ArchiveFormat.MAX_ENTRY_BYTES) {
      throw new TooLargeException("record " + collection + "/" + id + " takes " + entryBytes
          + " bytes in the archive (value, ids and index keys); an archive holds entries up to "
          + ArchiveFormat.MAX_ENTRY_BYTES + " bytes; the output is incomplete");
    }
    entries++;
    if (block.size() >= ArchiveFormat.BLOCK_TARGET_BYTES) {
      finishEntryBlock();
    }
  }

  private void finishEntryBlock() {
    block.setInt(0, entries);
    entries = 0;
    flushBlock();
  }

  private void flushBlock() {
    int length = block.size();
    frame[0] = kind;
    frame[1] = (byte) (length >>> 24);
    frame[2] = (byte) (length >>> 16);
    frame[3] = (byte) (length >>> 8);
    frame[4] = (byte) length;
    blockCrc.reset();
    blockCrc.update(frame, 0, frame.length);
    blockCrc.update(block.array(), 0, length);
    write(frame, frame.length);
    write(block.array(), length);
    int crc = (int) blockCrc.getValue();
    byte[] tail = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    write(tail, tail.length);
    block.clear();
    meter.report(records + changes, bytes);
  }

  private void write(byte[] b, int length) {
    try {
      out.write(b, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the archive at byte " + bytes, e);
    }
    if (kind != ArchiveFormat.TRAILER) {
      fileCrc.update(b, 0, length);
    }
    bytes += length;
  }
}
