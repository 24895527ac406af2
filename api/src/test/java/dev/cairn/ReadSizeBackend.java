package dev.cairn;

import dev.cairn.spi.Change;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A test backend that records the most value bytes one export page or one change read returned. */
class ReadSizeBackend extends TestBackend {
  final AtomicLong largestPage = new AtomicLong();
  final AtomicLong largestChangeRead = new AtomicLong();

  @Override
  public synchronized IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    IndexedScan scan = super.scanWithIndexKeys(namespace, collection, range, limit);
    long bytes = 0;
    for (IndexedRecord r : scan.records()) {
      bytes += r.record().value().length;
    }
    largestPage.accumulateAndGet(bytes, Math::max);
    return scan;
  }

  @Override
  public synchronized List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    List<Change> changes = super.changes(namespace, afterRevision, maxChanges);
    long bytes = 0;
    for (Change c : changes) {
      bytes += c.value() == null ? 0 : c.value().length;
    }
    largestChangeRead.accumulateAndGet(bytes, Math::max);
    return changes;
  }
}
