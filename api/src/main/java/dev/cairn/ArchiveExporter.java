package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.StoredRecord;
import java.util.List;

/**
 * Pages one namespace out of a backend into a sink, consistent at one revision without holding
 * any lock: note R0, the current revision; page through every collection (each page current at
 * some revision at or after R0); let R1 be the newest page's revision; then replay the change feed
 * (R0, R1]. For each record, the feed's last change in (R0, R1] (if any) is its state at R1, and a
 * record without one did not change over [R0, R1], so records then changes give the state at R1.
 * Memory is one page, of about {@link PageSizer#TARGET_BYTES} (see {@link PageSizer} for the bound).
 */
final class ArchiveExporter {
  private final Backend backend;
  private final String namespace;

  ArchiveExporter(Backend backend, String namespace) {
    this.backend = backend;
    this.namespace = namespace;
  }

  /**
   * Exports into {@code sink}, running {@code onPage} after each page.
   *
   * @return R1, the revision the export holds
   * @throws CompactedException if the change feed after R0 was compacted during the export
   */
  long exportTo(ArchiveSink sink, Runnable onPage) {
    long r0 = backend.currentRevision(namespace);
    sink.begin(namespace, backend.clockMillis());
    long r1 = r0;
    PageSizer pages = new PageSizer(backend.capabilities().maxValueBytes());
    for (String collection : backend.collections(namespace)) {
      IdRange range = IdRange.ALL;
      while (true) {
        IndexedScan page = backend.scanWithIndexKeys(namespace, collection, range, pages.limit());
        r1 = Math.max(r1, page.revision());
        List<IndexedRecord> records = page.records();
        pages.startRead();
        for (IndexedRecord r : records) {
          StoredRecord record = r.record();
          pages.observe(record.id(), record.value());
          sink.record(collection, record.id(), record.value(), r.indexKeys());
        }
        pages.endRead();
        onPage.run();
        if (!page.more() || records.isEmpty()) {
          break;
        }
        range = range.after(records.get(records.size() - 1).record().id());
      }
    }
    replay(sink, r0, r1, onPage);
    sink.end(r1);
    return r1;
  }

  private void replay(ArchiveSink sink, long r0, long r1, Runnable onPage) {
    long after = r0;
    PageSizer reads = new PageSizer(backend.capabilities().maxValueBytes());
    while (after < r1) {
      List<Change> changes;
      try {
        changes = backend.changes(namespace, after, reads.limit());
      } catch (CompactedException e) {
        throw new CompactedException("export of namespace " + namespace + " needs the change feed from revision "
            + (r0 + 1) + " to " + r1 + ", but it was compacted during the export (after revision " + after
            + "); the output is incomplete: discard it and export again", e);
      }
      if (changes.isEmpty()) {
        return;
      }
      reads.startRead();
      for (Change c : changes) {
        if (c.revision() > r1) {
          return;
        }
        reads.observe(c.id(), c.value());
        sink.change(c.revision(), c.collection(), c.id(), c.value(), c.indexKeys());
        after = c.revision();
      }
      reads.endRead();
      onPage.run();
    }
  }
}
