package dev.cairn.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.spi.v1.DatastoreRpc;
import com.google.datastore.v1.Key;
import com.google.datastore.v1.LookupRequest;
import com.google.datastore.v1.LookupResponse;
import com.google.datastore.v1.PartitionId;
import com.google.protobuf.Timestamp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's clock, which leases expire by: a lookup's read time, the one timestamp
 * Datastore hands out without writing. It is read at most once per {@link #SAMPLE_NANOS}; in
 * between, the time elapsed on the local monotonic clock is added to the last reading, which
 * errs late by at most the lookup's round trip (and the local clock's drift over a second) and
 * never follows a step of the local wall clock. Where a service leaves the read time out, the
 * local clock stands in. Readings never go back. Thread-safe.
 */
final class ServerClock {
  /** How long a reading of the service's clock is extended on the local one. */
  static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final DatastoreRpc rpc;
  private final LookupRequest request;
  private final AtomicLong last = new AtomicLong();
  private volatile boolean serverTime = true;
  /** The last reading of the service's clock, and the local nanoTime right after it; guarded by this. */
  private long sampleMillis;
  private long sampledAt;
  private boolean sampled;

  ServerClock(Datastore datastore, String project, String database) {
    this.rpc = (DatastoreRpc) datastore.getOptions().getRpc();
    PartitionId.Builder partition = PartitionId.newBuilder().setProjectId(project);
    if (database != null) {
      partition.setDatabaseId(database);
    }
    Key clockKey = Key.newBuilder()
        .setPartitionId(partition)
        .addPath(Key.PathElement.newBuilder().setKind("CairnClock").setName("clock"))
        .build();
    LookupRequest.Builder b = LookupRequest.newBuilder().setProjectId(project).addKeys(clockKey);
    if (database != null) {
      b.setDatabaseId(database);
    }
    this.request = b.build();
  }

  /** Returns the service's time in milliseconds, never less than a reading returned before. */
  long millis() {
    long now = serverTime ? serverMillis() : System.currentTimeMillis();
    return last.accumulateAndGet(now, Math::max);
  }

  /** Whether the service tells its time (reads it once to find out); the legacy emulator does not. */
  boolean servesTime() {
    if (serverTime) {
      serverMillis();
    }
    return serverTime;
  }

  private synchronized long serverMillis() {
    long nanos = System.nanoTime();
    if (sampled && nanos - sampledAt < SAMPLE_NANOS) {
      return sampleMillis + TimeUnit.NANOSECONDS.toMillis(nanos - sampledAt);
    }
    LookupResponse response = rpc.lookup(request);
    if (!response.hasReadTime()) {
      serverTime = false;
      return System.currentTimeMillis();
    }
    Timestamp t = response.getReadTime();
    sampleMillis = t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
    sampledAt = System.nanoTime();
    sampled = true;
    return sampleMillis;
  }
}
