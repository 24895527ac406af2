package dev.cairn.redis;

import dev.cairn.tck.StoreFactory;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts one Redis (a standalone server or a cluster) for the whole test
 * run, on first use, and stops it when the run ends; {@link #factory()} opens each test's store
 * in a fresh namespace of it, from its URI, so stores can be reopened. Thread-safe.
 */
public final class RedisFixture implements BeforeAllCallback {
  private final String key;
  private final Supplier<AutoCloseable> starter;
  private final AtomicInteger counter = new AtomicInteger();
  private final String run = HexFormat.of().formatHex(randomBytes());
  private volatile String uri;

  private RedisFixture(String key, Supplier<AutoCloseable> starter) {
    this.key = key;
    this.starter = starter;
  }

  /** A fixture of one standalone server. */
  public static RedisFixture standalone() {
    return new RedisFixture("standalone", RedisServer::start);
  }

  /** A fixture of a three-master cluster. */
  public static RedisFixture cluster() {
    return new RedisFixture("cluster", RedisClusterFixture::start);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (uri != null) {
      return;
    }
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(RedisFixture.class));
    Running running = store.getOrComputeIfAbsent(key, k -> new Running(starter.get()), Running.class);
    uri = running.server instanceof RedisServer ? ((RedisServer) running.server).uri()
        : ((RedisClusterFixture) running.server).uri();
  }

  /** Returns the URI of the server or cluster. */
  public String uri() {
    if (uri == null) {
      throw new IllegalStateException("register the fixture with @RegisterExtension on a static field");
    }
    return uri;
  }

  /** Returns a namespace no other test of this run uses, nor is a prefix of another's. */
  public String freshNamespace() {
    return String.format("t%s-%06d", run, counter.incrementAndGet());
  }

  /** Returns a factory opening each store in a fresh namespace, from the URI (so it can reopen). */
  public StoreFactory factory() {
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(uri(), options.withNamespace(freshNamespace())));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[3];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** The server of the run, stopped by JUnit when the root context closes. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final AutoCloseable server;

    Running(AutoCloseable server) {
      this.server = server;
    }

    @Override
    public void close() throws Exception {
      server.close();
    }
  }

  /**
   * Runs {@code action} until it stops failing as unavailable (a server restarting, a cluster
   * failing over), for at most 30 seconds; then throws its last failure.
   */
  static void retryWhileUnavailable(Runnable action) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        action.run();
        return;
      } catch (dev.cairn.UnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        java.util.concurrent.TimeUnit.MILLISECONDS.sleep(50); // retry interval, bounded by the deadline
      }
    }
  }
}
