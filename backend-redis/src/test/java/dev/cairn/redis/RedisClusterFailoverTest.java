package dev.cairn.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store on a cluster of three masters with one replica each keeps working when the master of
 * its namespace's slot fails over to its replica: Lettuce follows the new topology and nothing
 * written before the (manual, so loss-free) failover is lost.
 */
class RedisClusterFailoverTest {
  private static final Schema<String> PLAIN = Schema.of("plain", Codec.utf8());

  @Test
  void aStoreSurvivesTheFailoverOfItsMaster() throws Exception {
    try (RedisClusterFixture cluster = RedisClusterFixture.start(true);
        Store store = Cairn.open(cluster.uri(), StoreOptions.defaults().withNamespace("failover"))) {
      for (int i = 0; i < 20; i++) {
        String id = "r" + i;
        store.update(tx -> tx.create(PLAIN, id, id));
      }
      long slot = (Long) Resp.once(cluster.masters().get(0).port(), "CLUSTER", "KEYSLOT", "{cairn:failover}");
      int owner = 0;
      while (owner < 2 && (owner + 1) * 16_384 / 3 <= slot) { // the fixture's slot ranges
        owner++;
      }
      RedisServer replica = cluster.replicas().get(owner);
      assertEquals("OK", Resp.once(replica.port(), "CLUSTER", "FAILOVER"));
      RedisClusterFixture.await("the replica to take over", () -> RedisClusterFixture.replication(replica)
          .contains("role:master"));
      for (int i = 20; i < 40; i++) {
        String id = "r" + i;
        RedisFixture.retryWhileUnavailable(() -> store.update(tx -> tx.create(PLAIN, id, id)));
      }
      List<String> ids = store.view(tx -> tx.listAll(PLAIN)).stream().map(e -> e.id()).toList();
      assertEquals(40, ids.size(), "every record, from before and after the failover");
      assertEquals(40, store.revision());
      assertTrue(RedisClusterFixture.replication(cluster.masters().get(owner)).contains("role:slave"),
          "the old master became a replica");
    }
  }

}
