package dev.cairn.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One generation of the write-ahead log, open for appending. Not thread-safe: the journal locks.
 *
 * <p>It writes through a {@link RandomAccessFile}, not a {@code FileChannel}: an interrupted
 * thread closes any {@code FileChannel} it writes to, which would break the log for every
 * namespace; stream writes and {@code FileDescriptor.sync} are not interruptible.
 */
final class LogFile implements AutoCloseable {
  final long generation;
  final Path path;
  private final RandomAccessFile file;
  private long size;
  private long entries;

  private LogFile(long generation, Path path, RandomAccessFile file, long size, long entries) {
    this.generation = generation;
    this.path = path;
    this.file = file;
    this.size = size;
    this.entries = entries;
  }

  /** Creates an empty log atomically: header written and synced under a temporary name first. */
  static LogFile create(Path directory, long generation) throws IOException {
    Path path = JournalFiles.log(directory, generation);
    Path tmp = JournalFiles.temp(path);
    try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
      f.setLength(0);
      f.write(Frames.fileHeader(Frames.LOG_MAGIC).array());
      f.getFD().sync();
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    JournalFiles.syncDirectory(directory);
    return openAt(generation, path, Frames.FILE_HEADER_BYTES, 0);
  }

  /** Opens an existing log to append after its first {@code validEnd} bytes, cutting off the rest. */
  static LogFile openAt(long generation, Path path, long validEnd, long entries) throws IOException {
    RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw");
    try {
      if (f.length() > validEnd) {
        f.setLength(validEnd);
        f.getFD().sync();
      }
      f.seek(validEnd);
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    return new LogFile(generation, path, f, validEnd, entries);
  }

  /**
   * Appends one sealed entry, handing it to the OS (and to the disk if {@code fsync}). On
   * failure it cuts the file back so no partial entry is left in the middle of the log.
   *
   * @throws IOException if it failed; a {@link BrokenLogException} if the cut failed too, after
   *     which the log must not be used again
   */
  void append(ByteBuffer entry, boolean fsync) throws IOException {
    try {
      file.write(entry.array(), entry.arrayOffset() + entry.position(), entry.remaining());
      if (fsync) {
        file.getFD().sync();
      }
    } catch (IOException e) {
      try {
        file.setLength(size);
        file.seek(size);
      } catch (IOException cut) {
        e.addSuppressed(cut);
        throw new BrokenLogException(e);
      }
      throw e;
    }
    size += entry.remaining();
    entries++;
  }

  /** An append failed and its partial entry could not be removed: the log is unusable. */
  static final class BrokenLogException extends IOException {
    private static final long serialVersionUID = 1L;

    BrokenLogException(IOException cause) {
      super("log could not be cut back after a failed append", cause);
    }
  }

  long size() {
    return size;
  }

  long entries() {
    return entries;
  }

  /** Syncs the log to the disk. */
  void force() throws IOException {
    file.getFD().sync();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
