package dev.cairn.tck;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kit against the store at a URI, as {@link TckRunner} launches it: each test gets a fresh
 * random namespace ({@code tck-xxxxxxxx}), so the kit can run in a shared database.
 */
public class UriStoreTck extends StoreTck {
  private static volatile Target target;

  /** What to run against: the URI and the class loader its backend is found in. */
  record Target(String uri, ClassLoader loader) {}

  static void target(Target next) {
    target = next;
  }

  @Override
  protected StoreFactory factory() {
    Target current = target;
    if (current == null) {
      throw new IllegalStateException("UriStoreTck runs through TckRunner, which names the URI");
    }
    return StoreFactory.ofUris(options -> new StoreFactory.UriAndOptions(current.uri(),
        options.withNamespace(freshNamespace()).withClassLoader(current.loader())));
  }

  private static String freshNamespace() {
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "tck-" + HexFormat.of().formatHex(bytes);
  }
}
