package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.ListOptions;
import dev.cairn.Page;
import dev.cairn.ProgressListener;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreArchive;
import dev.cairn.StoreOptions;
import dev.cairn.memory.MemoryBackendProvider;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole export of a 100,000-record memory store to a byte-counting stream, beside the raw
 * baseline: paging the same records out of the same store and writing their ids and values to
 * the same kind of stream, without the archive's framing, index keys and checksums.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExportBenchmark {
  static final int RECORDS = 100_000;
  private static final Schema<byte[]> RAW = Schema.of(Fixtures.COUNTERS.collection(), Codec.bytes());

  /** Counts the bytes written and drops them. */
  static final class CountingStream extends OutputStream {
    long count;

    @Override public void write(int b) {
      count++;
    }

    @Override public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  Store store;
  /** The store's backend, for the raw baseline that reads it directly. */
  Backend backend;

  /** Loads 100,000 counters, indexed by node, in large transactions. */
  @Setup(Level.Trial)
  public void load() {
    backend = new MemoryBackendProvider().open(new BackendUri("memory:?retention=10000", "memory"));
    store = Cairn.open(backend, StoreOptions.defaults());
    for (int from = 0; from < RECORDS; from += 5000) {
      int start = from;
      store.update(tx -> {
        for (int i = start; i < start + 5000; i++) {
          tx.create(Fixtures.COUNTERS, "counter-" + i, new Fixtures.Counter(i, i % Fixtures.NODES));
        }
      });
    }
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** Cairn: the export, framed and checksummed, with index keys. */
  @Benchmark
  public long cairnExport() {
    CountingStream out = new CountingStream();
    StoreArchive.export(store, out, ProgressListener.NONE);
    return out.count;
  }

  /** Raw: pages of 1,000 records read in views, ids and values written to a buffered data stream. */
  @Benchmark
  public long rawPaging() throws IOException {
    CountingStream counting = new CountingStream();
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(counting, 1 << 16));
    Optional<String> cursor = Optional.empty();
    do {
      ListOptions first = ListOptions.all().limit(1000);
      ListOptions options = cursor.map(first::after).orElse(first);
      Page<byte[]> page = store.view(tx -> tx.list(RAW, options));
      for (Entry<byte[]> e : page.items()) {
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        out.writeInt(e.value().length);
        out.write(e.value());
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    out.flush();
    return counting.count;
  }

  /**
   * Raw, at the SPI: pages of 1,000 records scanned straight from the backend (no transaction, no
   * copy of values), ids and values written to a buffered data stream: the least work that moves
   * the same bytes out.
   */
  @Benchmark
  public long rawScan() throws IOException {
    CountingStream counting = new CountingStream();
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(counting, 1 << 16));
    IdRange range = IdRange.ALL;
    ScanResult page;
    do {
      page = backend.scan(store.namespace(), RAW.collection(), range, 1000);
      for (StoredRecord r : page.records()) {
        byte[] id = r.id().getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        out.writeInt(r.value().length);
        out.write(r.value());
      }
      if (!page.records().isEmpty()) {
        range = range.after(page.records().get(page.records().size() - 1).id());
      }
    } while (page.more());
    out.flush();
    return counting.count;
  }
}
