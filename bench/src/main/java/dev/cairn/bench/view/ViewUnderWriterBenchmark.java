package dev.cairn.bench.view;

import dev.cairn.Entry;
import dev.cairn.Schema;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One view listing a whole collection of {@value Items#RECORDS} records of
 * {@value Items#VALUE_BYTES} bytes — {@code store.view(tx -> tx.listAll(SCHEMA))}, ten pages of
 * 1,000 at one revision — on {@code memory:}, SQLite, PostgreSQL and Redis, idle and under one
 * full-speed writer, in the same run.
 *
 * <p>Why: a controller lists a collection while other threads keep updating it. A view reads at
 * one revision; when the store moves on between its pages, its later pages must answer as of that
 * revision, not run the whole view again, or a listing never finishes under a busy writer. The
 * figure that matters is the ratio {@code cairnUnderWriter / cairnIdle} per backend; the target
 * is at most 2×. The writer ({@link BackgroundWriter}) loops
 * {@code store.update(tx -> tx.put(SCHEMA, randomId, newValue))} over random existing ids of
 * the <em>same</em> collection, as fast as it can, on a thread of its own; its commits per second
 * are printed after each iteration and over the trial, and reported as the secondary result
 * {@code writerCommits} ({@link WriterRate}: ms per commit, so {@code 1000 / score} commits/s).
 *
 * <p>The raw baselines read the same records, in id order, decoded the same way, without Cairn
 * ({@link RawListing}): a copy of a {@code ConcurrentSkipListMap} that the writer updates too (memory), one {@code SELECT … ORDER BY id}
 * of the backend's records table (SQLite, PostgreSQL), pages of {@code ZRANGEBYLEX} and
 * {@code HMGET} of the backend's keys (Redis). {@code rawUnderWriter / rawIdle} tells how much of
 * the slowdown is the machine itself (the writer and its server take cores and I/O from the
 * reader) rather than Cairn.
 *
 * <p>Every benchmark method is a trial of its own with a fresh server and store. Run on one
 * benchmark thread (the default): the writer's rate is per trial, not per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ViewUnderWriterBenchmark {
  /** The backend, started and loaded once per trial. */
  @State(Scope.Benchmark)
  public static class Loaded {
    /** {@code memory:}, SQLite (a temp file), PostgreSQL (a server of its own) or Redis (likewise). */
    @Param({ListedStore.MEMORY, ListedStore.SQLITE, ListedStore.POSTGRESQL, ListedStore.REDIS})
    public String backend;

    ListedStore listed;

    /** Starts the backend and loads the collection. */
    @Setup(Level.Trial)
    public void open() {
      listed = ListedStore.open(backend);
    }

    /** Closes the store and stops its server. */
    @TearDown(Level.Trial)
    public void close() {
      listed.close();
    }
  }

  /** The background writer of the listed collection, running through the whole trial (warm-up included). */
  @State(Scope.Benchmark)
  public static class Writer {
    BackgroundWriter writer;
    private String backend;

    /** Returns the collection the writer writes. */
    Schema<String> target() {
      return Items.SCHEMA;
    }

    /**
     * Starts the writer, bounded to twice the trial's planned time plus two minutes, and waits
     * for its first commit.
     */
    @Setup(Level.Trial)
    public void start(Loaded loaded, BenchmarkParams params) {
      backend = loaded.backend;
      long planned = params.getWarmup().getCount() * params.getWarmup().getTime().convertTo(TimeUnit.SECONDS)
          + params.getMeasurement().getCount() * params.getMeasurement().getTime().convertTo(TimeUnit.SECONDS);
      // on memory, the writer of the listed collection keeps the raw baseline's map in step
      BiConsumer<String, byte[]> mirror = loaded.listed.rawMap != null && target() == Items.SCHEMA
          ? loaded.listed.rawMap::put : (id, value) -> {};
      writer = BackgroundWriter.start(loaded.listed.store, target(), mirror, Duration.ofSeconds(2 * planned + 120));
    }

    /** Stops the writer and prints its rate over the trial. */
    @TearDown(Level.Trial)
    public void stop() {
      writer.close();
      System.out.printf("%nview benchmark (%s, writer of %s): the writer made %,d commits, %,.0f commits/s over the trial, "
          + "%,d failed%s%n", backend, target().collection(), writer.commits(), writer.commitsPerSecond(), writer.failures(),
          writer.firstFailure() == null ? "" : " (first: " + writer.firstFailure() + ")");
    }
  }

  /**
   * The control case's writer: as busy, in the same namespace, but writing another collection, so
   * the view never needs the feed. What the view loses to it is the machine's share (cores, the
   * backend's lock or server, garbage collection), not Cairn's work to keep the view's revision.
   */
  @State(Scope.Benchmark)
  public static class ElsewhereWriter extends Writer {
    @Override
    Schema<String> target() {
      return Items.ELSEWHERE;
    }
  }

  /**
   * Counts a writer's commits during one iteration and prints its rate. The subclasses are JMH
   * auxiliary counters of the benchmark thread ({@code OPERATIONS}) whose public field
   * {@code writerCommits} JMH reports, in this average-time mode, as the secondary result
   * {@code writerCommits} in ms/op: milliseconds of the iteration per writer commit, so the
   * writer's rate is {@code 1000 / score} commits/s. (JMH reads counters only from fields the
   * state class itself declares, hence the small subclasses.)
   */
  abstract static class IterationRate {
    private Writer writer;
    private long commitsAtStart;
    private long nanosAtStart;

    /** Notes the writer's count at the start of the iteration; fails if the writer has stopped. */
    void start(Writer writer) {
      if (!writer.writer.running()) {
        throw new IllegalStateException("the background writer has stopped: this iteration would run idle",
            writer.writer.firstFailure());
      }
      this.writer = writer;
      commitsAtStart = writer.writer.commits();
      nanosAtStart = System.nanoTime();
    }

    /** Returns the iteration's commits, printing the writer's rate. */
    long end() {
      long commits = writer.writer.commits() - commitsAtStart;
      double seconds = (System.nanoTime() - nanosAtStart) / 1e9;
      System.out.printf("(writer: %,.0f commits/s, %,d failed in all) ", commits / seconds, writer.writer.failures());
      return commits;
    }
  }

  /** {@link IterationRate} of the writer of the listed collection. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class WriterRate extends IterationRate {
    /** The writer's commits in the last iteration (set at its tear-down, which JMH runs before it reads this). */
    public long writerCommits;

    /** Notes the writer's count at the start of the iteration. */
    @Setup(Level.Iteration)
    public void mark(Writer writer) {
      writerCommits = 0;
      start(writer);
    }

    /** Counts the iteration's commits. */
    @TearDown(Level.Iteration)
    public void count() {
      writerCommits = end();
    }
  }

  /** {@link IterationRate} of the control case's writer. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class ElsewhereWriterRate extends IterationRate {
    /** The writer's commits in the last iteration (set at its tear-down, which JMH runs before it reads this). */
    public long writerCommits;

    /** Notes the writer's count at the start of the iteration. */
    @Setup(Level.Iteration)
    public void mark(ElsewhereWriter writer) {
      writerCommits = 0;
      start(writer);
    }

    /** Counts the iteration's commits. */
    @TearDown(Level.Iteration)
    public void count() {
      writerCommits = end();
    }
  }

  /** The raw reader of the same records, one per benchmark thread. */
  @State(Scope.Thread)
  public static class Raw {
    RawListing raw;

    /** Opens it: a map, a JDBC connection or a Lettuce connection. */
    @Setup(Level.Trial)
    public void open(Loaded loaded) throws SQLException {
      raw = loaded.listed.openRaw();
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      raw.close();
    }
  }

  /** Cairn, idle: one view listing the whole collection; nothing else runs on the store. */
  @Benchmark
  public List<Entry<String>> cairnIdle(Loaded loaded) {
    return checked(loaded.listed.store.view(tx -> tx.listAll(Items.SCHEMA)));
  }

  /** Cairn, under the writer: the same view while the writer updates the same collection. */
  @Benchmark
  public List<Entry<String>> cairnUnderWriter(Loaded loaded, Writer writer, WriterRate rate) {
    return checked(loaded.listed.store.view(tx -> tx.listAll(Items.SCHEMA)));
  }

  /** Cairn, under the control case's writer: the same view while as busy a writer updates another collection. */
  @Benchmark
  public List<Entry<String>> cairnUnderWriterElsewhere(Loaded loaded, ElsewhereWriter writer,
      ElsewhereWriterRate rate) {
    return checked(loaded.listed.store.view(tx -> tx.listAll(Items.SCHEMA)));
  }

  /** Raw, idle: the same records read without Cairn. */
  @Benchmark
  public List<RawListing.Row> rawIdle(Raw raw) throws SQLException {
    return checked(raw.raw.listAll());
  }

  /** Raw, under the writer: the same raw read while Cairn's writer updates the collection. */
  @Benchmark
  public List<RawListing.Row> rawUnderWriter(Raw raw, Writer writer, WriterRate rate) throws SQLException {
    return checked(raw.raw.listAll());
  }

  /** A listing that lost or gained records is a bug, not a figure. */
  private static <T> List<T> checked(List<T> listed) {
    if (listed.size() != Items.RECORDS) {
      throw new IllegalStateException("listed " + listed.size() + " records, expected " + Items.RECORDS);
    }
    return listed;
  }
}
