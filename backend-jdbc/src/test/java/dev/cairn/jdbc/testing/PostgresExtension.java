package dev.cairn.jdbc.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test class one {@link PostgresServer}, shared by all its
 * tests and its {@code @Nested} classes, and closes it after the class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension POSTGRES = PostgresExtension.create();
 *
 * @Test
 * void reads() {
 *   try (Store store = Cairn.open(POSTGRES.server().jdbcUrl())) { ... }
 * }
 * }</pre>
 *
 * <p>The server starts before the class's first test (from a static field; from an instance
 * field, before the first test method) and is closed when the class's extension context is;
 * a test method may also take a {@link PostgresServer} parameter. Tests share the server and
 * must isolate themselves (a fresh namespace, table or database each). A test that needs its
 * own server (to kill it) calls {@link PostgresServer#create()}. Thread-safe.
 */
public final class PostgresExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

  private volatile PostgresServer server;

  private PostgresExtension() {}

  /** Returns a new extension; register it with {@code @RegisterExtension}. */
  public static PostgresExtension create() {
    return new PostgresExtension();
  }

  /**
   * Returns the running server.
   *
   * @throws IllegalStateException if called before the extension has started it (outside a test
   *     of the class that registers it)
   */
  public PostgresServer server() {
    PostgresServer s = server;
    if (s == null) {
      throw new IllegalStateException("the PostgreSQL server is not started: register the PostgresExtension "
          + "with @RegisterExtension and call server() from a test or a @BeforeAll/@BeforeEach method");
    }
    return s;
  }

  /**
   * Starts the server for this class, or reuses its enclosing class's.
   *
   * @throws IllegalStateException as {@link PostgresServer#create()}
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    server = shared(context);
  }

  /** Starts the server for the test's class unless it runs (instance field registration). */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      server = shared(context.getParent().orElse(context));
    }
  }

  /** Returns whether the parameter is a {@link PostgresServer}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  /**
   * Returns the class's server, starting it if needed.
   *
   * @throws IllegalStateException as {@link PostgresServer#create()}
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server == null ? shared(context.getParent().orElse(context)) : server;
  }

  /**
   * The server of the outermost class context that asked: JUnit looks a key up in the
   * enclosing contexts' stores first, so {@code @Nested} classes reuse their outer class's
   * server, and closes the resource with the context that created it.
   */
  private PostgresServer shared(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(this, key -> new Running(PostgresServer.create()), Running.class)
        .server;
  }

  /** The server as a resource JUnit closes. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final PostgresServer server;

    Running(PostgresServer server) {
      this.server = server;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
