package dev.cairn.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Redis Cluster of three masters (each optionally with one replica), every node a
 * {@link RedisServer} on a free loopback port. Built with {@code CLUSTER MEET} and
 * {@code CLUSTER ADDSLOTSRANGE}; ready once every node reports {@code cluster_state:ok}. Not
 * thread-safe.
 */
public final class RedisClusterFixture implements AutoCloseable {
  private static final int SLOTS = 16_384;
  private final List<RedisServer> masters = new ArrayList<>();
  private final List<RedisServer> replicas = new ArrayList<>();

  private RedisClusterFixture() {}

  /** Starts three masters. */
  public static RedisClusterFixture start() {
    return start(false);
  }

  /**
   * Starts three masters, with one replica each if {@code withReplicas}.
   *
   * @throws IllegalStateException if the cluster does not come up in time
   */
  public static RedisClusterFixture start(boolean withReplicas) {
    RedisClusterFixture cluster = new RedisClusterFixture();
    try {
      List<String> args = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "2000");
      for (int i = 0; i < 3; i++) {
        cluster.masters.add(RedisServer.start(args));
      }
      if (withReplicas) {
        for (int i = 0; i < 3; i++) {
          cluster.replicas.add(RedisServer.start(args));
        }
      }
      RedisServer first = cluster.masters.get(0);
      for (RedisServer node : cluster.nodes()) {
        if (node != first) {
          Resp.once(node.port(), "CLUSTER", "MEET", "127.0.0.1", Integer.toString(first.port()));
        }
      }
      for (int i = 0; i < 3; i++) {
        int from = i * SLOTS / 3;
        int to = (i + 1) * SLOTS / 3 - 1;
        Resp.once(cluster.masters.get(i).port(), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
      }
      int nodes = cluster.nodes().size();
      await("every node knows every other", () -> cluster.nodes().stream()
          .allMatch(n -> info(n, "cluster_known_nodes").equals(Integer.toString(nodes))));
      for (int i = 0; i < cluster.replicas.size(); i++) {
        String masterId = (String) Resp.once(cluster.masters.get(i).port(), "CLUSTER", "MYID");
        Resp.once(cluster.replicas.get(i).port(), "CLUSTER", "REPLICATE", masterId);
      }
      await("cluster_state:ok on every node",
          () -> cluster.nodes().stream().allMatch(n -> info(n, "cluster_state").equals("ok")));
      for (RedisServer replica : cluster.replicas) {
        await("replica " + replica.port() + " in sync", () -> replication(replica).contains("master_link_status:up"));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Returns every node, masters first. */
  public List<RedisServer> nodes() {
    List<RedisServer> all = new ArrayList<>(masters);
    all.addAll(replicas);
    return all;
  }

  /** Returns the masters as started (a failover makes a replica a master). */
  public List<RedisServer> masters() {
    return List.copyOf(masters);
  }

  /** Returns the replicas, the i-th of the i-th master. */
  public List<RedisServer> replicas() {
    return List.copyOf(replicas);
  }

  /** Returns {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}, the masters' ports. */
  public String uri() {
    StringJoiner hosts = new StringJoiner(",", "redis-cluster://", "");
    for (RedisServer m : masters) {
      hosts.add("127.0.0.1:" + m.port());
    }
    return hosts.toString();
  }

  /** Returns a field of {@code CLUSTER INFO}, or "" while the node does not answer. */
  static String info(RedisServer node, String field) {
    try {
      String info = (String) Resp.once(node.port(), "CLUSTER", "INFO");
      for (String line : info.split("\r\n")) {
        if (line.startsWith(field + ":")) {
          return line.substring(field.length() + 1);
        }
      }
      return "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Returns {@code INFO replication} of a node, or "" while it does not answer. */
  static String replication(RedisServer node) {
    try {
      return (String) Resp.once(node.port(), "INFO", "replication");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Polls {@code condition} until it holds, for at most 30 s. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20); // a poll interval with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    for (RedisServer node : nodes()) {
      node.close();
    }
  }

}
