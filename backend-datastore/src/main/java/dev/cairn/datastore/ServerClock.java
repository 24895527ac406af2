package dev.cairn.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.spi.v1.DatastoreRpc;
import com.google.datastore.v1.Key;
import com.google.datastore.v1.LookupRequest;
import com.google.datastore.v1.LookupResponse;
import com.google.datastore.v1.PartitionId;
import com.google.protobuf.Timestamp;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's clock, which leases expire by: a lookup's read time, the one timestamp
 * Datastore hands out without writing. Where a service leaves it out, the local clock stands in.
 * Readings never go back. Thread-safe.
 */
final class ServerClock {
  private final DatastoreRpc rpc;
  private final LookupRequest request;
  private final AtomicLong last = new AtomicLong();
  private volatile boolean serverTime = true;

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

  /** Whether the service tells its time (reads it once to find out); the legacy emulator does not. */
  boolean servesTime() {
    if (serverTime) {
      millis();
    }
    return serverTime;
  }

  /** Returns the service's time in milliseconds, never less than a reading returned before. */
  long millis() {
    long now = System.currentTimeMillis();
    if (serverTime) {
      LookupResponse response = rpc.lookup(request);
      if (response.hasReadTime()) {
        Timestamp t = response.getReadTime();
        now = t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
      } else {
        serverTime = false;
      }
    }
    return last.accumulateAndGet(now, Math::max);
  }
}
