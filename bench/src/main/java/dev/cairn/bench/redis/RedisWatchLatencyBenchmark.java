package dev.cairn.bench.redis;

import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Commit-to-event latency on a real redis-server, at about 1,000 commits/s: each operation waits
 * for the next millisecond tick (so commits are paced), then commits one write and polls the
 * watch until its commit marker (through the watch hub's blocking XREAD). The raw baseline
 * paces the same way, XADDs one entry and reads it back with a blocking XREAD on a second
 * connection. Both sample times include the pacing wait (below 1 ms): compare p99s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisWatchLatencyBenchmark {
  private static final long TICK_NANOS = 1_000_000;
  private static final byte[] STREAM = RedisBench.bytes("raw:{bench}:feed");
  private RedisBench bench;
  private Watch watch;
  private StatefulRedisConnection<byte[], byte[]> reader;
  private String lastRawId = "0-0";
  private long n;
  private long nextTick;

  @Setup(Level.Trial)
  public void open() {
    bench = new RedisBench();
    watch = bench.store.watch(WatchFilter.all());
    reader = bench.client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
    nextTick = System.nanoTime();
  }

  @TearDown(Level.Trial)
  public void close() {
    watch.close();
    reader.close();
    bench.close();
  }

  private void pace() {
    nextTick = Math.max(nextTick + TICK_NANOS, System.nanoTime());
    long wait = nextTick - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** Cairn: commit one write, poll the watch until its marker. */
  @Benchmark
  public long cairn() throws InterruptedException {
    pace();
    long revision = bench.store.update(tx -> tx.put(RedisBench.COUNTERS, "e", Long.toString(n++)));
    while (true) {
      WatchEvent event = watch.poll(Duration.ofSeconds(5));
      if (event == null) {
        throw new IllegalStateException("no event within 5 s");
      }
      if (event instanceof WatchEvent.Committed && event.revision() >= revision) {
        return revision;
      }
    }
  }

  /** Raw Lettuce: XADD one entry, read it with a blocking XREAD on another connection. */
  @Benchmark
  public String raw() {
    pace();
    bench.raw.xadd(STREAM, XAddArgs.Builder.maxlen(10_000).approximateTrimming(), RedisBench.bytes("v"),
        RedisBench.bytes(Long.toString(n++)));
    List<StreamMessage<byte[], byte[]>> got = reader.sync().xread(XReadArgs.Builder.block(5000).count(1),
        XReadArgs.StreamOffset.from(STREAM, lastRawId));
    lastRawId = got.get(0).getId();
    return lastRawId;
  }
}
