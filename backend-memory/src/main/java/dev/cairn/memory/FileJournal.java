package dev.cairn.memory;

import dev.cairn.ClosedException;
import dev.cairn.TooLargeException;
import dev.cairn.UnavailableException;
import dev.cairn.spi.Write;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A write-ahead log plus snapshots in one directory (see {@link Frames} and {@link JournalFiles}
 * for the format). Every commit is appended to the current log and handed to the OS before it
 * applies; with {@code fsync=true} it is also on disk. When the log grows past
 * {@link MemoryConfig#snapshotEvery()} entries or {@link #MAX_LOG_BYTES}, a new log starts and a
 * background thread writes a snapshot of every namespace, then deletes the older files. A lock
 * file keeps a second store, in this process or another, from opening the directory.
 */
final class FileJournal implements Journal {
  /** The log size past which a snapshot is taken. */
  static final long MAX_LOG_BYTES = 64L << 20;
  private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

  private final Path directory;
  private final boolean fsync;
  private final long maxEntries;
  private final Spaces spaces;
  private final FileChannel lockChannel;
  private final ExecutorService snapshotter;
  private final AtomicBoolean closing = new AtomicBoolean();
  /** Guards the fields below; taken while a namespace's commit lock is held, so never the reverse. */
  private final ReentrantLock lock = new ReentrantLock();
  private LogFile log;
  private long rotateAtBytes;
  private long rotateAtEntries;
  private boolean compacting;
  private boolean closed;
  private IOException broken;

  private FileJournal(MemoryConfig config, Path directory, Spaces spaces, FileChannel lockChannel, LogFile log) {
    this.directory = directory;
    this.fsync = config.fsync();
    this.maxEntries = config.snapshotEvery();
    this.spaces = spaces;
    this.lockChannel = lockChannel;
    this.log = log;
    this.rotateAtBytes = MAX_LOG_BYTES;
    this.rotateAtEntries = maxEntries;
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "cairn-memory-snapshot " + directory);
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
    this.snapshotter = executor;
  }

  static Journal open(MemoryConfig config, Spaces spaces) {
    Path directory = config.directory().toAbsolutePath().normalize();
    FileChannel lockChannel = lock(directory);
    try {
      Recovery.Result recovered = Recovery.run(directory, spaces);
      LogFile log = recovered.log();
      if (recovered.logsReplayed() > 1 || log.size() >= MAX_LOG_BYTES || log.entries() >= config.snapshotEvery()) {
        log = compactNow(directory, log, spaces);
      }
      return new FileJournal(config, directory, spaces, lockChannel, log);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UnavailableException("cannot open memory store directory " + directory + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  /** Takes the directory's lock file, or fails naming the directory. */
  private static FileChannel lock(Path directory) {
    FileChannel channel = null;
    try {
      Files.createDirectories(directory);
      channel = FileChannel.open(directory.resolve(JournalFiles.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      try {
        held = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null; // this process holds it already
      }
      if (held == null) {
        throw new UnavailableException("memory store directory " + directory
            + " is already open, in this or another process (its lock file " + JournalFiles.LOCK + " is held)");
      }
      return channel;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UnavailableException("cannot lock memory store directory " + directory + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Before anything commits: starts a new log and snapshots into it, synchronously. */
  private static LogFile compactNow(Path directory, LogFile log, Spaces spaces) throws IOException {
    long generation = log.generation + 1;
    LogFile next;
    try {
      next = LogFile.create(directory, generation);
    } finally {
      log.close();
    }
    try {
      SnapshotFile.write(directory, generation, spaces.all());
      deleteOlderThan(directory, generation);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "memory store " + directory + ": snapshot " + generation + " failed; the logs are kept", e);
    }
    return next;
  }

  @Override
  public void append(String namespace, long revision, String token, List<Write> writes) {
    ByteBuffer entry;
    try {
      Bytes.Writer w = Frames.newEntry();
      Payloads.putCommit(w, namespace, revision, token, writes);
      entry = Frames.seal(w);
    } catch (Bytes.MalformedException e) {
      throw new TooLargeException("commit of namespace '" + namespace + "' is too large for the journal: "
          + e.getMessage());
    }
    lock.lock();
    try {
      if (closed) {
        throw new ClosedException("memory store journal in " + directory + " is closed");
      }
      if (broken != null) {
        throw new UnavailableException("memory store log " + log.path + " failed earlier and takes no more commits;"
            + " reopen the store", broken);
      }
      try {
        log.append(entry, fsync);
      } catch (LogFile.BrokenLogException e) {
        broken = e;
        throw new UnavailableException("cannot append to memory store log " + log.path + ": " + e.getCause(), e);
      } catch (IOException e) {
        throw new UnavailableException("cannot append to memory store log " + log.path + " (the commit was not "
            + "applied): " + e, e);
      }
      if (!compacting && (log.size() >= rotateAtBytes || log.entries() >= rotateAtEntries)) {
        rotate();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Starts the next log and has the background thread snapshot into it. Holds {@link #lock}. */
  private void rotate() {
    LogFile next;
    try {
      log.force(); // the old log must be whole on disk before later commits land in the next one
      next = LogFile.create(directory, log.generation + 1);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "memory store " + directory + ": cannot start a new log, compaction postponed", e);
      rotateAtBytes = log.size() + MAX_LOG_BYTES;
      rotateAtEntries = log.entries() + maxEntries;
      return;
    }
    LogFile old = log;
    log = next;
    rotateAtBytes = MAX_LOG_BYTES;
    rotateAtEntries = maxEntries;
    try {
      old.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "memory store " + directory + ": closing " + old.path + " failed", e);
    }
    try {
      compacting = true;
      snapshotter.execute(() -> snapshot(next.generation));
    } catch (RejectedExecutionException e) {
      compacting = false; // closing: the next open replays both logs
    }
  }

  /** Writes snapshot {@code generation}, then deletes what it supersedes; on the background thread. */
  private void snapshot(long generation) {
    try {
      SnapshotFile.write(directory, generation, spaces.all());
      deleteOlderThan(directory, generation);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "memory store " + directory + ": snapshot " + generation + " failed; the logs are kept"
          + " and a snapshot is tried again when the log grows", e);
    } finally {
      lock.lock();
      compacting = false;
      lock.unlock();
    }
  }

  private static void deleteOlderThan(Path directory, long generation) throws IOException {
    JournalFiles files = JournalFiles.scan(directory);
    for (Path old : files.snapshots.headMap(generation, false).values()) {
      Files.deleteIfExists(old);
    }
    for (Path old : files.logs.headMap(generation, false).values()) {
      Files.deleteIfExists(old);
    }
  }

  /** Waits for a running snapshot, syncs the log, closes it and releases the directory. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    snapshotter.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (snapshotter.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
        LOG.log(Level.WARNING, "memory store " + directory + ": still waiting for a snapshot to finish");
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    lock.lock();
    try {
      closed = true;
      if (broken == null) {
        log.force();
      }
      log.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "memory store " + directory + ": closing " + log.path + " failed", e);
    } finally {
      lock.unlock();
      closeQuietly(lockChannel); // releases the lock file
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing a lock file failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "FileJournal{" + directory + ", fsync=" + fsync + "}";
  }
}
