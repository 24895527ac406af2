package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens stores. The backend is chosen by the URI's scheme among the
 * {@link BackendProvider}s on the class path:
 *
 * <pre>{@code
 * try (Store store = Cairn.open("memory:")) {
 *   store.update(tx -> tx.create(TASKS, "t1", task));
 * }
 * }</pre>
 *
 * <p>A {@code namespace} query parameter (or {@link StoreOptions#withNamespace}) selects the
 * namespace; the default is {@value #DEFAULT_NAMESPACE}.
 */
public final class Cairn {
  /** The namespace of a store opened without one. */
  public static final String DEFAULT_NAMESPACE = "default";

  private Cairn() {}

  /**
   * Opens a store with the default options.
   *
   * @throws InvalidArgumentException if the URI is malformed, its scheme is claimed by no
   *     provider (the message lists those found) or by two (the message names both)
   * @throws UnavailableException if the backend cannot be reached
   */
  public static Store open(String uri) {
    return open(uri, StoreOptions.defaults());
  }

  /** Opens a store with the given options. */
  public static Store open(String uri, StoreOptions options) {
    Objects.requireNonNull(options, "options");
    if (uri == null || uri.isBlank()) {
      throw new InvalidArgumentException("store URI must not be empty");
    }
    ClassLoader loader = options.classLoader() != null
        ? options.classLoader() : Thread.currentThread().getContextClassLoader();
    Map<String, BackendProvider> providers = providers(loader);
    String scheme = null;
    for (String claimed : providers.keySet()) {
      if (uri.startsWith(claimed + ":") && (scheme == null || claimed.length() > scheme.length())) {
        scheme = claimed;
      }
    }
    if (scheme == null) {
      throw new InvalidArgumentException("no backend for URI " + BackendUri.redact(uri)
          + "; schemes found: " + (providers.isEmpty() ? "none" : String.join(", ", providers.keySet()))
          + " (add a backend jar to the class path)");
    }
    BackendUri backendUri = new BackendUri(uri, scheme);
    String namespace = options.namespace() != null ? options.namespace()
        : Names.checkNamespace(backendUri.parameter("namespace").orElse(DEFAULT_NAMESPACE));
    Backend backend = providers.get(scheme).open(backendUri);
    return new DefaultStore(new Shared(backend, options, true), namespace);
  }

  /**
   * Opens a store over a backend built by the caller, for decorators (caching, fault
   * injection) and tests. Closing the store closes the backend.
   */
  public static Store open(Backend backend, StoreOptions options) {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(options, "options");
    String namespace = options.namespace() != null ? options.namespace() : DEFAULT_NAMESPACE;
    return new DefaultStore(new Shared(backend, options, true), namespace);
  }

  /**
   * Returns the schemes claimed by the providers found in {@code loader}, each with its
   * provider's class name, sorted.
   *
   * @throws InvalidArgumentException if two providers claim one scheme (naming both)
   */
  public static Map<String, String> schemes(ClassLoader loader) {
    Map<String, String> out = new TreeMap<>();
    providers(loader).forEach((s, p) -> out.put(s, p.getClass().getName()));
    return out;
  }

  private static Map<String, BackendProvider> providers(ClassLoader loader) {
    Map<String, BackendProvider> byScheme = new TreeMap<>();
    List<String> broken = new ArrayList<>();
    ServiceLoader<BackendProvider> loaded = ServiceLoader.load(BackendProvider.class, loader);
    var it = loaded.iterator();
    while (true) {
      BackendProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        broken.add(e.getMessage());
        continue;
      }
      for (String scheme : provider.schemes()) {
        BackendProvider other = byScheme.putIfAbsent(scheme, provider);
        if (other != null && other.getClass() != provider.getClass()) {
          throw new InvalidArgumentException("scheme '" + scheme + "' is claimed by two backend providers: "
              + other.getClass().getName() + " and " + provider.getClass().getName());
        }
      }
    }
    if (byScheme.isEmpty() && !broken.isEmpty()) {
      throw new InvalidArgumentException("no usable backend provider; broken ones: " + broken);
    }
    return byScheme;
  }
}
