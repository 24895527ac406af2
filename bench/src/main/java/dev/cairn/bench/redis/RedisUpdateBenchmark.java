package dev.cairn.bench.redis;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
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
 * A single-record read-modify-write on a real redis-server: Cairn's serializable
 * {@code update} (a point read, then one commit script checking the version, writing, bumping the
 * revision and appending to the change feed) against raw Lettuce doing {@code GET} then an
 * {@code EVALSHA} compare-and-set script: two round trips each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisUpdateBenchmark {
  private static final String CAS = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
      + "redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0";
  private RedisBench bench;
  private String casSha;

  @Setup(Level.Trial)
  public void open() {
    bench = new RedisBench();
    casSha = bench.raw.scriptLoad(CAS);
  }

  @TearDown(Level.Trial)
  public void close() {
    bench.close();
  }

  /** Cairn: read a counter, increment it, commit. */
  @Benchmark
  public long cairn() {
    String id = RedisBench.id(ThreadLocalRandom.current().nextInt(RedisBench.RECORDS));
    return bench.store.update(tx -> {
      long n = Long.parseLong(tx.get(RedisBench.COUNTERS, id).orElseThrow().value());
      tx.update(RedisBench.COUNTERS, id, Long.toString(n + 1));
    });
  }

  /** Raw Lettuce: GET, increment, EVALSHA compare-and-set. */
  @Benchmark
  public Object rawGetThenCas() {
    byte[] key = RedisBench.rawKey(ThreadLocalRandom.current().nextInt(RedisBench.RECORDS));
    byte[] old = bench.raw.get(key);
    long n = Long.parseLong(new String(old, StandardCharsets.UTF_8));
    byte[][] keys = {key};
    return bench.raw.evalsha(casSha, ScriptOutputType.INTEGER, keys, old, RedisBench.bytes(Long.toString(n + 1)));
  }
}
