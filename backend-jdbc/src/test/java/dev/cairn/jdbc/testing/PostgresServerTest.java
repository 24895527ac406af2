package dev.cairn.jdbc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness against a real PostgreSQL: start, passwords, crash and restart, close, two at once. */
class PostgresServerTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();

  @Test
  void answersSelectOneAsThePasswordProtectedOwnerWithFsyncOn() throws SQLException {
    PostgresServer server = POSTGRES.server();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      assertEquals("1", query(c, "SELECT 1"));
      assertEquals(PostgresServer.USER, query(c, "SELECT current_user"));
      assertEquals(PostgresServer.DATABASE, query(c, "SELECT current_database()"));
      assertEquals("on", query(c, "SHOW fsync"));
      assertEquals("on", query(c, "SHOW synchronous_commit"));
      assertEquals("127.0.0.1", query(c, "SHOW listen_addresses"));
      assertEquals(Integer.toString(server.port()), query(c, "SHOW port"));
      // The owner can create tables in its database (PostgreSQL 15 no longer lets everyone).
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE owner_can_create (id int)");
        s.execute("DROP TABLE owner_can_create");
      }
    }
  }

  @Test
  void refusesAWrongPasswordAndAMissingOne() {
    PostgresServer server = POSTGRES.server();
    SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        server.jdbcUrl(PostgresServer.DATABASE, PostgresServer.USER, "not-" + server.password())).close());
    assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
    String noPassword = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + PostgresServer.DATABASE + "?user=" + PostgresServer.USER;
    assertThrows(SQLException.class, () -> DriverManager.getConnection(noPassword).close());
  }

  @Test
  void terminateConnectionsCutsTheRolesConnectionsAndKeepsTheServer() throws SQLException {
    PostgresServer server = POSTGRES.server();
    try (Connection cut = DriverManager.getConnection(server.jdbcUrl())) {
      assertEquals("1", query(cut, "SELECT 1"));

      assertTrue(server.terminateConnections() >= 1);

      assertThrows(SQLException.class, () -> query(cut, "SELECT 1"));
    }
    try (Connection again = DriverManager.getConnection(server.jdbcUrl())) {
      assertEquals("1", query(again, "SELECT 1"));
    }
  }

  @Test
  void toStringNamesThePortButNoPassword() {
    PostgresServer server = POSTGRES.server();
    assertTrue(server.toString().contains(":" + server.port()), server.toString());
    assertFalse(server.toString().contains(server.password()));
    assertFalse(server.toString().contains(server.superuserPassword()));
    assertTrue(server.jdbcUrl().contains("password=" + server.password()));
  }

  @Test
  void killLosesTheOpenTransactionOnlyAndStartRecoversOnTheSamePort() throws Exception {
    try (PostgresServer server = PostgresServer.create()) {
      int port = server.port();
      Connection open = DriverManager.getConnection(server.jdbcUrl());
      try (Statement s = open.createStatement()) {
        s.execute("CREATE TABLE kept (id int PRIMARY KEY)");
        s.execute("INSERT INTO kept VALUES (1)");
        open.setAutoCommit(false);
        s.execute("INSERT INTO kept VALUES (2)");
      }
      List<Long> before = serverPids(server);

      server.kill();

      assertFalse(server.isRunning());
      for (long pid : before) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
            && isNotZombie(pid), "process " + pid + " survived kill()");
      }
      assertThrows(SQLException.class, () -> query(open, "SELECT count(*) FROM kept"));
      open.close();

      server.start();

      assertEquals(port, server.port());
      try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
        assertEquals("1", query(c, "SELECT string_agg(id::text, ',' ORDER BY id) FROM kept"));
      }
      assertTrue(Files.readString(server.logFile()).contains("database system was interrupted"),
          "the restart ran crash recovery");
    }
  }

  @Test
  void stopIsAFastShutdownDespiteAnOpenTransactionAndStartKeepsTheData() throws Exception {
    try (PostgresServer server = PostgresServer.create()) {
      try (Connection open = DriverManager.getConnection(server.jdbcUrl()); Statement s = open.createStatement()) {
        s.execute("CREATE TABLE kept (id int)");
        s.execute("INSERT INTO kept VALUES (7)");
        open.setAutoCommit(false);
        s.execute("INSERT INTO kept VALUES (8)");

        server.stop();

        assertFalse(server.isRunning());
        assertThrows(SQLException.class, () -> query(open, "SELECT 1"));
      }
      server.start();
      try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
        assertEquals("7", query(c, "SELECT string_agg(id::text, ',') FROM kept"));
      }
    }
  }

  @Test
  void aFailedStartQuotesTheServerLog() throws Exception {
    try (PostgresServer server = PostgresServer.create()) {
      server.stop();
      Files.writeString(server.directory().resolve("data/postgresql.conf"), "\nthis is not a setting\n",
          StandardOpenOption.APPEND);

      IllegalStateException e = assertThrows(IllegalStateException.class, server::start);

      assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
      assertTrue(e.getMessage().contains("postgresql.conf"), e.getMessage());
      assertFalse(server.isRunning());
    }
  }

  @Test
  void closeStopsTheServerAndDeletesItsDirectory() throws Exception {
    PostgresServer server = PostgresServer.create();
    Path dir = server.directory();
    List<Long> pids = serverPids(server);
    assertTrue(Files.isDirectory(dir.resolve("data")));

    server.close();

    assertFalse(Files.exists(dir));
    assertFalse(server.isRunning());
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && isNotZombie(pid));
    }
    assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl()).close());
    assertThrows(IllegalStateException.class, server::start);
    server.close(); // idempotent
  }

  @Test
  void aSecondServerRunsBesideTheFirstWithDataOfItsOwn() throws Exception {
    PostgresServer first = POSTGRES.server();
    try (PostgresServer second = PostgresServer.create()) {
      assertNotEquals(first.port(), second.port());
      assertNotEquals(first.directory(), second.directory());
      assertNotEquals(first.password(), second.password());
      try (Connection a = DriverManager.getConnection(first.jdbcUrl());
           Connection b = DriverManager.getConnection(second.jdbcUrl());
           Statement sb = b.createStatement()) {
        sb.execute("CREATE TABLE only_in_second (id int)");
        assertEquals("1", query(b, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_second'"));
        assertEquals("0", query(a, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_second'"));
      }
    }
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  /** The postmaster and its children, as the server reports them. */
  private static List<Long> serverPids(PostgresServer server) throws SQLException {
    List<Long> pids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl())) {
      pids.add(Long.parseLong(query(c, "SELECT pg_backend_pid()")));
      Long postmaster = ProcessHandle.of(pids.get(0)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElseThrow();
      pids.add(postmaster);
      ProcessHandle.of(postmaster).orElseThrow().children().forEach(p -> pids.add(p.pid()));
    }
    assertTrue(pids.size() >= 4, "a postmaster has a checkpointer, a writer, a WAL writer...: " + pids);
    return pids;
  }

  private static boolean isNotZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}
