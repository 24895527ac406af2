package dev.cairn.memory;

import dev.cairn.CairnException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Brings a journal directory back into memory: the latest snapshot, then every log from that
 * snapshot's generation on, in order. Only the very last log may end in a torn entry (a crash
 * mid-append), which is cut off with a warning; any other damage is an error.
 */
final class Recovery {
  private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

  /** What recovery found: the log to append to, and whether the logs should be compacted now. */
  record Result(LogFile log, int logsReplayed) {}

  private Recovery() {}

  static Result run(Path directory, Journal.Spaces spaces) throws IOException {
    JournalFiles files = JournalFiles.scan(directory);
    for (Path temp : files.temps) {
      Files.deleteIfExists(temp);
    }
    long base = 0;
    if (!files.snapshots.isEmpty()) {
      base = files.snapshots.lastKey();
      SnapshotFile.load(files.snapshots.lastEntry().getValue(), spaces);
    }
    NavigableMap<Long, Path> logs = files.logs.tailMap(base, true);
    LogFile current = null;
    try {
      for (Map.Entry<Long, Path> log : logs.entrySet()) {
        boolean last = log.getKey().equals(logs.lastKey());
        Frames.Reader tail = replay(log.getValue(), last, spaces);
        if (last) {
          current = LogFile.openAt(log.getKey(), log.getValue(), tail.validEnd(), tail.entryCount());
        }
      }
      if (current == null) {
        current = LogFile.create(directory, Math.max(base, 1));
      }
    } catch (IOException | RuntimeException e) {
      if (current != null) {
        current.close();
      }
      throw e;
    }
    // files older than the loaded snapshot were left by a crash before their deletion
    for (Path old : files.snapshots.headMap(base, false).values()) {
      Files.deleteIfExists(old);
    }
    for (Path old : files.logs.headMap(base, false).values()) {
      Files.deleteIfExists(old);
    }
    return new Result(current, logs.size());
  }

  /** Replays one log; returns its reader, positioned after the last whole entry. */
  private static Frames.Reader replay(Path file, boolean last, Journal.Spaces spaces) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Frames.checkFileHeader(ch, file, Frames.LOG_MAGIC);
      try (Frames.Reader in = new Frames.Reader(ch, file)) {
        byte[] payload;
        while ((payload = in.next()) != null) {
          apply(file, in.entryOffset(), payload, spaces);
        }
        if (in.torn() != null) {
          if (!last) {
            throw Frames.corrupt(file, in.entryOffset(), "entry cut short (" + in.torn()
                + ") in a log that later logs follow");
          }
          LOG.log(Level.WARNING, "memory store log {0}: cutting off a torn last entry at offset {1} ({2}); "
              + "a crash interrupted its write, and its commit is dropped", file, in.entryOffset(), in.torn());
        }
        return in;
      }
    }
  }

  private static void apply(Path file, long offset, byte[] payload, Journal.Spaces spaces) {
    Object entry;
    Space space;
    try {
      entry = Payloads.decode(payload);
      if (!(entry instanceof Payloads.Commit)) {
        throw new Bytes.MalformedException("a snapshot entry inside a log");
      }
      space = spaces.get(((Payloads.Commit) entry).namespace());
    } catch (CairnException | Bytes.MalformedException | IllegalArgumentException | NullPointerException e) {
      throw Frames.corrupt(file, offset, "undecodable entry: " + e.getMessage());
    }
    Payloads.Commit commit = (Payloads.Commit) entry;
    long current = space.revision();
    if (commit.revision() <= current) {
      return; // already in the snapshot, which was taken after this log began
    }
    if (commit.revision() != current + 1) {
      throw Frames.corrupt(file, offset, "namespace '" + commit.namespace() + "' jumps from revision " + current
          + " to " + commit.revision() + ": commits are missing");
    }
    space.apply(commit.revision(), commit.token(), commit.writes());
  }
}
