package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Commit-to-event latency: one operation commits a write and waits until the watch delivers its
 * commit marker (through the watch hub's thread). The raw baseline hands an item to a relay
 * thread through one LinkedBlockingQueue and waits for it on another: the same one hop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchLatencyBenchmark {
  private static final Schema<String> EVENTS = Schema.of("events", Codec.utf8());

  private Store store;
  private Watch watch;
  private long n;
  private final BlockingQueue<Long> toRelay = new LinkedBlockingQueue<>();
  private final BlockingQueue<Long> fromRelay = new LinkedBlockingQueue<>();
  private Thread relay;

  /** Opens the store and its watch, and starts the raw relay thread. */
  @Setup(Level.Trial)
  public void open() {
    store = Cairn.open("memory:?retention=10000");
    watch = store.watch(WatchFilter.all());
    relay = new Thread(() -> {
      try {
        while (true) {
          fromRelay.put(toRelay.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "relay");
    relay.setDaemon(true);
    relay.start();
  }

  @TearDown(Level.Trial)
  public void close() {
    relay.interrupt();
    watch.close();
    store.close();
  }

  /** Cairn: commit one write, then poll the watch until its marker arrives. */
  @Benchmark
  public long cairn() throws InterruptedException {
    long revision = store.update(tx -> tx.put(EVENTS, "e", Long.toString(n++)));
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

  /** Raw: hand an item through a relay thread over LinkedBlockingQueues. */
  @Benchmark
  public long rawQueueHandOff() throws InterruptedException {
    toRelay.put(n++);
    return fromRelay.take();
  }
}
