package dev.cairn.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension's lifecycle, run through the JUnit launcher on a fixture class: one server for
 * the class and its nested class, running during their tests, closed after them.
 */
class PostgresExtensionTest {
  @Test
  void oneServerServesTheClassAndItsNestedClassAndIsClosedAfterThem() {
    Fixture.seen.clear();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixture.class)).build(), listener);

    TestExecutionSummary summary = listener.getSummary();
    assertEquals(0, summary.getTotalFailureCount(), () -> summary.getFailures().toString());
    assertEquals(3, summary.getTestsSucceededCount());
    assertEquals(3, Fixture.seen.size());
    PostgresServer server = Fixture.seen.get(0);
    Fixture.seen.forEach(s -> assertSame(server, s));
    assertFalse(server.isRunning());
    assertFalse(Files.exists(server.directory()));
  }

  /** Run only by the launcher above (surefire skips nested classes). */
  static class Fixture {
    static final List<PostgresServer> seen = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final PostgresExtension POSTGRES = PostgresExtension.create();

    @Test
    void first() throws SQLException {
      seen.add(connected(POSTGRES.server()));
    }

    @Test
    void second(PostgresServer server) throws SQLException {
      assertSame(POSTGRES.server(), server);
      seen.add(connected(server));
    }

    @Nested
    class Inner {
      @Test
      void nested(PostgresServer server) throws SQLException {
        seen.add(connected(server));
      }
    }

    private static PostgresServer connected(PostgresServer server) throws SQLException {
      assertTrue(server.isRunning());
      DriverManager.getConnection(server.jdbcUrl()).close();
      return server;
    }
  }
}
