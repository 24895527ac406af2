package dev.cairn.memory;

import dev.cairn.CairnException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes and loads snapshots: for every namespace, a {@code NAMESPACE} entry (name, revision,
 * record count) followed by its {@code RECORD}s, then one {@code END} entry with the totals. A
 * snapshot is written under a temporary name, synced, then renamed, so it is whole or absent;
 * any damage in it is therefore an error, never a tail to cut off.
 */
final class SnapshotFile {
  private SnapshotFile() {}

  /** Writes snapshot {@code generation} of every namespace that has committed anything. */
  static void write(Path directory, long generation, Collection<Space> spaces) throws IOException {
    Path path = JournalFiles.snapshot(directory, generation);
    Path tmp = JournalFiles.temp(path);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
      out.write(Frames.fileHeader(Frames.SNAPSHOT_MAGIC).array());
      Bytes.Writer w = new Bytes.Writer();
      long namespaces = 0;
      long total = 0;
      for (Space space : spaces) {
        List<Payloads.RecordWithKeys> records = new ArrayList<>();
        // copy references under the namespace's read lock; write them outside it
        long revision = space.forEachRecord((r, keys) -> records.add(new Payloads.RecordWithKeys(r, keys)));
        if (revision == 0) {
          continue;
        }
        Payloads.putNamespace(Frames.newEntry(w), space.name(), revision, records.size());
        emit(out, w);
        for (Payloads.RecordWithKeys r : records) {
          Payloads.putRecord(Frames.newEntry(w), r.record(), r.indexKeys());
          emit(out, w);
        }
        namespaces++;
        total += records.size();
      }
      Payloads.putEnd(Frames.newEntry(w), namespaces, total);
      emit(out, w);
      out.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    JournalFiles.syncDirectory(directory);
  }

  private static void emit(OutputStream out, Bytes.Writer w) throws IOException {
    ByteBuffer entry = Frames.seal(w);
    out.write(entry.array(), 0, entry.limit());
  }

  /**
   * Loads a snapshot into empty namespaces.
   *
   * @throws CairnException if the file is damaged, cut short, or of an unknown version
   */
  static void load(Path file, Journal.Spaces spaces) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Frames.checkFileHeader(ch, file, Frames.SNAPSHOT_MAGIC);
      try (Frames.Reader in = new Frames.Reader(ch, file)) {
        new Loader(file, spaces, in).run();
      }
    }
  }

  /** The state of loading one snapshot: which namespace is being filled and what was counted. */
  private static final class Loader {
    private final Path file;
    private final Journal.Spaces spaces;
    private final Frames.Reader in;
    private Space space;
    private Payloads.Namespace header;
    private long recordsOfSpace;
    private long namespaces;
    private long total;

    Loader(Path file, Journal.Spaces spaces, Frames.Reader in) {
      this.file = file;
      this.spaces = spaces;
      this.in = in;
    }

    void run() throws IOException {
      byte[] payload;
      while ((payload = in.next()) != null) {
        Object entry = decode(payload);
        if (entry instanceof Payloads.Namespace) {
          finishNamespace();
          startNamespace((Payloads.Namespace) entry);
        } else if (entry instanceof Payloads.RecordWithKeys) {
          restore((Payloads.RecordWithKeys) entry);
        } else if (entry instanceof Payloads.End) {
          finishNamespace();
          checkEnd((Payloads.End) entry);
          return;
        } else {
          throw fail("a log entry inside a snapshot");
        }
      }
      throw Frames.corrupt(file, in.entryOffset(), "snapshot is cut short before its end marker"
          + (in.torn() == null ? "" : " (" + in.torn() + ")"));
    }

    private Object decode(byte[] payload) {
      try {
        return Payloads.decode(payload);
      } catch (RuntimeException e) {
        throw fail("undecodable entry: " + e.getMessage());
      }
    }

    private void startNamespace(Payloads.Namespace ns) {
      try {
        space = spaces.get(ns.name());
      } catch (RuntimeException e) {
        throw fail("bad namespace '" + ns.name() + "': " + e.getMessage());
      }
      if (space.revision() != 0) {
        throw fail("namespace '" + ns.name() + "' appears twice");
      }
      space.restoreRevision(ns.revision());
      header = ns;
      recordsOfSpace = 0;
      namespaces++;
    }

    private void restore(Payloads.RecordWithKeys r) {
      if (space == null) {
        throw fail("record before any namespace");
      }
      long mod = r.record().modRevision();
      if (mod > header.revision() || mod < r.record().createRevision() || r.record().createRevision() < 1) {
        throw fail("record " + r.record().collection() + "/" + r.record().id() + " has revisions "
            + r.record().createRevision() + ".." + mod + " outside namespace revision " + header.revision());
      }
      space.restore(r.record(), r.indexKeys());
      recordsOfSpace++;
      total++;
    }

    private void finishNamespace() {
      if (space != null && recordsOfSpace != header.records()) {
        throw fail("namespace '" + header.name() + "' holds " + recordsOfSpace + " records, its header says "
            + header.records());
      }
      space = null;
    }

    private void checkEnd(Payloads.End end) throws IOException {
      if (end.namespaces() != namespaces || end.records() != total) {
        throw fail("end marker counts " + end.namespaces() + " namespaces and " + end.records()
            + " records, the snapshot holds " + namespaces + " and " + total);
      }
      if (in.next() != null || in.torn() != null) {
        throw Frames.corrupt(file, in.entryOffset(), "data after the end marker");
      }
    }

    private CairnException fail(String what) {
      return Frames.corrupt(file, in.entryOffset(), what);
    }
  }
}
