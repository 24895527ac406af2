package dev.cairn.redis;

import dev.cairn.UnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lettuce client of one backend, standalone or cluster, behind the command interfaces both
 * share: one multiplexed connection for every non-blocking command, and dedicated connections for
 * the blocking {@code XREAD}s of {@link RevisionWaiter}. On a cluster Lettuce routes each command
 * by its first key, follows {@code MOVED} and {@code ASK} and refreshes its topology on them.
 * Thread-safe.
 */
final class RedisLink implements AutoCloseable {

  /** One connection with its command interfaces. */
  record Connection(StatefulConnection<byte[], byte[]> connection, RedisClusterCommands<byte[], byte[]> sync,
      RedisClusterAsyncCommands<byte[], byte[]> async) implements AutoCloseable {
    @Override
    public void close() {
      connection.closeAsync();
    }
  }

  private final AbstractRedisClient client;
  private final boolean cluster;
  final Connection shared;

  private RedisLink(AbstractRedisClient client, boolean cluster, String shown) {
    this.client = client;
    this.cluster = cluster;
    try {
      this.shared = connect();
    } catch (RuntimeException e) {
      client.shutdownAsync();
      throw new UnavailableException("cannot connect to " + shown + ": " + e.getMessage(), e);
    }
  }

  /**
   * Connects to what {@code config} names.
   *
   * @throws UnavailableException if the server cannot be reached
   */
  static RedisLink open(RedisConfig config) {
    List<RedisURI> uris = new ArrayList<>();
    for (RedisConfig.Address a : config.addresses) {
      RedisURI.Builder b = RedisURI.Builder.redis(a.host(), a.port())
          .withSsl(config.tls)
          .withDatabase(config.database)
          .withTimeout(config.timeout);
      if (config.password != null) {
        b = config.user != null ? b.withAuthentication(config.user, config.password) : b.withPassword(config.password);
      }
      uris.add(b.build());
    }
    SocketOptions socket = SocketOptions.builder().connectTimeout(config.timeout).keepAlive(true).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(config.timeout);
    if (config.cluster) {
      RedisClusterClient client = RedisClusterClient.create(uris);
      client.setOptions(ClusterClientOptions.builder()
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enableAllAdaptiveRefreshTriggers()
              .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
              .enablePeriodicRefresh(Duration.ofSeconds(30))
              .build())
          .build());
      return new RedisLink(client, true, config.toString());
    }
    RedisClient client = RedisClient.create(uris.get(0));
    client.setOptions(ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts).build());
    return new RedisLink(client, false, config.toString());
  }

  /** Opens a connection of its own, for blocking commands. */
  Connection connect() {
    if (cluster) {
      StatefulRedisClusterConnection<byte[], byte[]> c = ((RedisClusterClient) client).connect(ByteArrayCodec.INSTANCE);
      return new Connection(c, c.sync(), c.async());
    }
    StatefulRedisConnection<byte[], byte[]> c = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
    return new Connection(c, c.sync(), c.async());
  }

  /** Closes every connection of the client (the shared one and the waiters'), then the client. */
  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
