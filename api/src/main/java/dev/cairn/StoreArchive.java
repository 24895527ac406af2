package dev.cairn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Exports a store's namespace to a stream and imports it into any backend, in a versioned,
 * checksummed, streaming archive format: memory stays constant whatever the store's size. An
 * export reads pages of up to 1,000 records, fewer when values are large: each page's count is
 * about 4 MiB over the largest record of the page before (the first page assumes records of the
 * backend's {@link Capabilities#maxValueBytes()}), so a page holds about 4 MiB while record sizes
 * stay alike, and at most its count times {@code maxValueBytes}. Reading an archive holds one
 * block (about 64 KiB, or one entry of up to 64 MiB).
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(file)) {
 *   StoreArchive.export(source, out, ProgressListener.NONE);
 * }
 * StoreArchive.importFrom(target, file, progress -> bar.update(progress));
 * }</pre>
 *
 * <p>An archive holds every collection's records (ids, values and index keys, so indexes and
 * names are rebuilt without the application's schemas) at one source revision. Create and mod
 * revisions are not kept: imported records carry the target's own revisions. Every method is
 * thread-safe and may run concurrently with writers on the source; a store given here must have
 * been opened by {@link Cairn#open} (or derived from one with {@link Store#withNamespace}).
 *
 * @see Migration for copying a live store with no write lost
 */
public final class StoreArchive {
  private StoreArchive() {}

  /**
   * Writes the archive of {@code source}'s namespace at one revision to {@code out}, without
   * holding any lock on the store: writers carry on meanwhile. Writes go through a 64 KiB buffer
   * (so {@code out} need not be buffered); the stream is flushed, not closed.
   *
   * @param listener receives {@link Progress.Phase#EXPORT} reports after every block written
   * @return what the archive holds, including the revision it is consistent at
   * @throws InvalidArgumentException if the store was not opened by {@link Cairn#open}
   * @throws CompactedException if the source's change feed was compacted during the export (the
   *     output is then incomplete, and any import rejects it: export again)
   * @throws TooLargeException naming a record whose value, ids and index keys together exceed the
   *     64 MiB an archive entry may hold (the output is then incomplete)
   * @throws UncheckedIOException if writing to {@code out} fails
   * @throws UnavailableException if the backend cannot be reached
   * @throws ClosedException if the store is closed
   */
  public static ExportSummary export(Store source, OutputStream out, ProgressListener listener) {
    BackendAccess access = BackendAccess.of(source, "source");
    Objects.requireNonNull(out, "out");
    ProgressMeter meter = new ProgressMeter(listener, Progress.Phase.EXPORT, -1);
    ArchiveWriter writer = new ArchiveWriter(out, meter);
    new ArchiveExporter(access.openBackend(), access.namespace()).exportTo(writer, () -> {});
    return writer.summary();
  }

  /**
   * Reads a whole archive and checks it (magic, version, every checksum, counts, no truncation
   * and nothing after the end) without writing anywhere. Memory is one block (about 64 KiB, or
   * one large entry): a block length beyond the format's cap is rejected before it is read.
   *
   * @param listener receives {@link Progress.Phase#VERIFY} reports after every block read
   * @return what the archive holds
   * @throws CorruptedException naming the byte offset of the first damage found
   * @throws UncheckedIOException if the archive cannot be read
   */
  public static ExportSummary verify(ArchiveSource archive, ProgressListener listener) {
    Objects.requireNonNull(archive, "archive");
    return read(archive, new LimitSink(Long.MAX_VALUE), Progress.Phase.VERIFY, listener);
  }

  /** Like {@link #importFrom(Store, ArchiveSource, ProgressListener)} from a file. */
  public static ImportSummary importFrom(Store target, Path file, ProgressListener listener) {
    return importFrom(target, ArchiveSource.of(Objects.requireNonNull(file, "file")), listener);
  }

  /**
   * Imports an archive into {@code target}'s namespace, which must hold no record. The archive
   * is read twice: a first pass verifies all of it and checks every value against the target's
   * {@link Capabilities#maxValueBytes()}; only then does a second pass write it, records then
   * replayed changes, as commits of many writes (bounded by the target's writes per commit and
   * the store's {@link StoreOptions#batchMaxBytes() batch byte limit}). Not atomic as a whole:
   * if the second pass fails (the backend becomes unreachable, the file changes between the
   * passes), the target holds part of the archive. Nothing else should write to the target
   * namespace during an import.
   *
   * @param listener receives {@link Progress.Phase#VERIFY} then {@link Progress.Phase#IMPORT}
   *     reports, with the archive's size when the source knows it
   * @return what was imported, and the target's revision after it
   * @throws InvalidArgumentException if the target namespace holds records, or the store was not
   *     opened by {@link Cairn#open}; nothing was written
   * @throws CorruptedException if the archive is damaged, truncated, followed by more bytes or of
   *     an unknown version; nothing was written
   * @throws TooLargeException naming the record whose value exceeds the target's limit; nothing
   *     was written
   * @throws UncheckedIOException if the archive cannot be read
   * @throws UnavailableException if the target backend cannot be reached
   */
  public static ImportSummary importFrom(Store target, ArchiveSource archive, ProgressListener listener) {
    BackendAccess access = BackendAccess.of(target, "target");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(listener, "listener");
    var backend = access.openBackend();
    TargetWriter.checkEmpty(backend, access.namespace());
    read(archive, new LimitSink(backend.capabilities().maxValueBytes()), Progress.Phase.VERIFY, listener);
    TargetWriter writer = new TargetWriter(backend, access.namespace(), access.options());
    ExportSummary summary = read(archive, writer, Progress.Phase.IMPORT, listener);
    return new ImportSummary(summary, writer.commits(), writer.lastRevision());
  }

  private static ExportSummary read(ArchiveSource archive, ArchiveSink sink, Progress.Phase phase,
      ProgressListener listener) {
    ProgressMeter meter = new ProgressMeter(listener, phase, archive.size().orElse(-1));
    try (InputStream in = archive.open()) {
      return new ArchiveReader(in, "archive " + archive, sink, meter).read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read archive " + archive, e);
    }
  }

  /** The verification pass's sink: writes nothing, rejects values over a limit. */
  private static final class LimitSink implements ArchiveSink {
    private final long maxValueBytes;

    LimitSink(long maxValueBytes) {
      this.maxValueBytes = maxValueBytes;
    }

    @Override public void begin(String namespace, long createdMillis) {}

    @Override public void record(String collection, String id, byte[] value, Map<String, Set<String>> indexKeys) {
      check(collection, id, value);
    }

    @Override public void change(long revision, String collection, String id, byte[] value,
        Map<String, Set<String>> indexKeys) {
      check(collection, id, value);
    }

    @Override public void end(long revision) {}

    private void check(String collection, String id, byte[] value) {
      if (value != null && value.length > maxValueBytes) {
        throw new TooLargeException("record " + collection + "/" + id + " of the archive is " + value.length
            + " bytes; the target's limit is " + maxValueBytes + "; nothing was imported");
      }
    }
  }
}
