package dev.cairn.bench.redis;

import java.util.concurrent.ThreadLocalRandom;
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
 * Point reads on a real redis-server: Cairn's {@code view(tx -> tx.get(...))} (one EVALSHA: the
 * record with the revisions it is current at) against a raw Lettuce {@code GET}, same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisPointReadBenchmark {
  private RedisBench bench;

  @Setup(Level.Trial)
  public void open() {
    bench = new RedisBench();
  }

  @TearDown(Level.Trial)
  public void close() {
    bench.close();
  }

  /** Cairn: a view reading one record and decoding it. */
  @Benchmark
  public String cairn() {
    String id = RedisBench.id(ThreadLocalRandom.current().nextInt(RedisBench.RECORDS));
    return bench.store.view(tx -> tx.get(RedisBench.COUNTERS, id)).orElseThrow().value();
  }

  /** Raw Lettuce: one GET, decoded the same way. */
  @Benchmark
  public String rawGet() {
    byte[] value = bench.raw.get(RedisBench.rawKey(ThreadLocalRandom.current().nextInt(RedisBench.RECORDS)));
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
