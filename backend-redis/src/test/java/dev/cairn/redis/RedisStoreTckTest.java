package dev.cairn.redis;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole TCK against a real standalone redis-server (AOF on), a fresh namespace per test. */
class RedisStoreTckTest extends StoreTck {
  @RegisterExtension
  static final RedisFixture REDIS = RedisFixture.standalone();

  @Override
  protected StoreFactory factory() {
    return REDIS.factory();
  }
}
