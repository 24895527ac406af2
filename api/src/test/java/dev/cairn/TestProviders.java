package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only backend providers. {@link TestScheme}, {@link XScheme} and {@link XyScheme} are
 * registered in the test {@code META-INF/services}; {@link DuplicateTestScheme} claims
 * {@code test} too and is only found through a dedicated class loader.
 */
public final class TestProviders {
  /** The provider class that opened each URI (by its full text), for the scheme-matching tests. */
  static final Map<String, Class<?>> OPENED_BY = new ConcurrentHashMap<>();

  private TestProviders() {}

  /** Claims one scheme and opens a fresh {@link TestBackend}, recording the URI it was handed. */
  abstract static class Recording implements BackendProvider {
    private final String scheme;

    Recording(String scheme) {
      this.scheme = scheme;
    }

    @Override
    public Set<String> schemes() {
      return Set.of(scheme);
    }

    @Override
    public Backend open(BackendUri uri) {
      OPENED_BY.put(uri.secretText(), getClass());
      return new TestBackend();
    }
  }

  /** Claims {@code test:}. */
  public static final class TestScheme extends Recording {
    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public TestScheme() {
      super("test");
    }
  }

  /** Claims {@code x:}. */
  public static final class XScheme extends Recording {
    /** Creates the provider. */
    public XScheme() {
      super("x");
    }
  }

  /** Claims {@code x:y:}, a longer scheme sharing the prefix of {@link XScheme}. */
  public static final class XyScheme extends Recording {
    /** Creates the provider. */
    public XyScheme() {
      super("x:y");
    }
  }

  /** Claims {@code test:} like {@link TestScheme}; listed only in a temporary services file. */
  public static final class DuplicateTestScheme extends Recording {
    /** Creates the provider. */
    public DuplicateTestScheme() {
      super("test");
    }
  }
}
