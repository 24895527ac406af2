package dev.cairn.bench.redis;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One redis-server (the tests' harness, AOF on with {@code appendfsync everysec} so that the disk
 * does not hide the client's cost), a Cairn store on it and a raw Lettuce connection to it.
 * Not thread-safe: one per benchmark trial.
 */
final class RedisBench implements AutoCloseable {
  static final Schema<String> COUNTERS = Schema.of("counters", Codec.utf8());
  static final int RECORDS = 1_000;

  final RedisServer server = RedisServer.start(List.of("--appendfsync", "everysec"));
  final Store store = Cairn.open(server.uri(), StoreOptions.defaults().withNamespace("bench"));
  final RedisClient client = RedisClient.create(server.uri());
  final StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
  final RedisCommands<byte[], byte[]> raw = connection.sync();

  RedisBench() {
    for (int from = 0; from < RECORDS; from += 200) {
      int start = from;
      store.update(tx -> {
        for (int i = start; i < start + 200; i++) {
          tx.create(COUNTERS, id(i), "0");
        }
      });
    }
    for (int i = 0; i < RECORDS; i++) {
      raw.set(rawKey(i), bytes("0"));
    }
  }

  static String id(int i) {
    return "c" + i;
  }

  static byte[] rawKey(int i) {
    return bytes("raw:{bench}:c" + i);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
    store.close();
    server.close();
  }
}
