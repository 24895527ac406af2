package dev.cairn.redis;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole TCK against a real three-master Redis Cluster (AOF on), a fresh namespace per test. */
class RedisClusterStoreTckTest extends StoreTck {
  @RegisterExtension
  static final RedisFixture REDIS = RedisFixture.cluster();

  @Override
  protected StoreFactory factory() {
    return REDIS.factory();
  }
}
