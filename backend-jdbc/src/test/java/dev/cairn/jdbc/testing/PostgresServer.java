package dev.cairn.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server, a child process of this JVM on a free loopback port, in a fresh
 * cluster of its own under {@code /tmp}, for tests and benchmarks. It holds the database
 * {@value #DATABASE}, owned by the password-protected role {@value #USER}; TCP connections need a
 * password (SCRAM), so a test can prove that passwords work.
 *
 * <p>{@link #create()} initialises and starts it; {@link #stop()} (fast shutdown) or
 * {@link #kill()} (SIGKILL of every server process: a crash) and {@link #start()} again restart
 * it on the same port and data; {@link #close()} stops it and deletes its directory. A shutdown
 * hook kills it and deletes the directory if the JVM exits first. The server runs with
 * {@code fsync} on and the default {@code synchronous_commit}; its output goes to
 * {@link #logFile()}.
 *
 * <p>Thread-safe: lifecycle methods are serialized; the accessors never block.
 */
public final class PostgresServer implements AutoCloseable {
  /** The database tests use. */
  public static final String DATABASE = "cairn";
  /** The role that owns {@link #DATABASE}; it logs in with {@link #password()}. */
  public static final String USER = "cairn";
  /** The cluster's superuser; it logs in with {@link #superuserPassword()}. */
  public static final String SUPERUSER = "postgres";

  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final int BIND_ATTEMPTS = 5;

  private final PostgresBinaries binaries;
  private final ServerAccount account;
  private final Path directory;
  private final Path data;
  private final Path sockets;
  private final Path log;
  private final String password = randomSecret();
  private final String superuserPassword = randomSecret();
  private final Thread shutdownHook;
  private volatile int port;
  /** The running postmaster, or null. Written under this; volatile for the shutdown hook. */
  private volatile Process postmaster;
  /** Guarded by this. */
  private boolean closed;

  private PostgresServer(PostgresBinaries binaries, ServerAccount account, Path directory) {
    this.binaries = binaries;
    this.account = account;
    this.directory = directory;
    this.data = directory.resolve("data");
    this.sockets = directory.resolve("sockets");
    this.log = directory.resolve("postgres.log");
    this.shutdownHook = new Thread(this::crashCleanup, "cairn-postgres-cleanup");
  }

  /**
   * Initialises a fresh cluster in a new temporary directory, starts it on a free loopback
   * port, and creates {@link #USER} and {@link #DATABASE}. Finds the programs in
   * {@code $CAIRN_PG_BIN}, else the highest {@code /usr/lib/postgresql/*}{@code /bin}, else on
   * {@code PATH}; when this JVM runs as root, runs them as {@code postgres} (or {@code nobody}).
   *
   * @return the running server; the caller must {@link #close()} it
   * @throws IllegalStateException if the programs are not found (the message names
   *     {@code .ci/install-servers}), or if initdb or the server fails (the message holds the
   *     tail of the server's log)
   */
  public static PostgresServer create() {
    PostgresBinaries binaries = PostgresBinaries.find();
    ServerAccount account = ServerAccount.choose();
    PostgresServer server = new PostgresServer(binaries, account, newDirectory());
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.initialise();
      server.startOnFreePort();
      server.createDatabase();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Returns the loopback address the server listens on, {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** Returns the TCP port; it stays the same across {@link #stop()}, {@link #kill()} and {@link #start()}. */
  public int port() {
    return port;
  }

  /** Returns the password of {@link #USER}: a random secret, never the same twice. */
  public String password() {
    return password;
  }

  /** Returns the password of {@link #SUPERUSER}. */
  public String superuserPassword() {
    return superuserPassword;
  }

  /**
   * Returns {@code jdbc:postgresql://127.0.0.1:PORT/cairn?user=cairn&password=…}: the URL of
   * {@link #DATABASE}, logging in as {@link #USER}. It holds the password: never log it.
   */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE, USER, password);
  }

  /** Returns the URL of {@code database}, logging in as {@code user} with {@code password}. */
  public String jdbcUrl(String database, String user, String password) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + user + "&password=" + password;
  }

  /** Returns the URL of {@link #DATABASE} logging in as {@link #SUPERUSER}, for administration. */
  public String superuserJdbcUrl() {
    return jdbcUrl(DATABASE, SUPERUSER, superuserPassword);
  }

  /**
   * Terminates every connection of {@link #USER} (as {@code pg_terminate_backend} does: the
   * client sees its connection drop, an open transaction rolls back); the server keeps running.
   * For tests of what a client does when its connection is cut, e.g. during a commit.
   *
   * @return how many connections were terminated
   * @throws IllegalStateException if the server cannot be reached
   */
  public int terminateConnections() {
    try (Connection c = connect(superuserJdbcUrl());
         Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
             + "FROM pg_stat_activity WHERE usename = '" + USER + "'")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate the connections of " + USER + " on " + this + ": " + e.getMessage(), e);
    }
  }

  /** Returns the server's log file (its stderr and stdout, and initdb's). */
  public Path logFile() {
    return log;
  }

  /** Returns the temporary directory holding the cluster, its sockets and its log. */
  public Path directory() {
    return directory;
  }

  /** Returns whether the postmaster is running. */
  public boolean isRunning() {
    Process p = postmaster;
    return p != null && p.isAlive();
  }

  /**
   * Starts the server again, on the same port and data directory, after {@link #stop()} or
   * {@link #kill()} (it then recovers from its write-ahead log), and waits until it accepts
   * connections. Does nothing when it is running.
   *
   * @throws IllegalStateException if closed, or if it does not accept connections within 60 s
   *     (the message holds the tail of its log)
   */
  public synchronized void start() {
    checkOpen();
    if (isRunning()) {
      return;
    }
    launch();
  }

  /**
   * Stops the server with a fast shutdown (open transactions roll back, clients are
   * disconnected, the data is checkpointed) and waits until it has exited. Does nothing when
   * it is not running.
   *
   * @throws IllegalStateException if it does not stop within 60 s (it is then killed)
   */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    try {
      Commands.run(account.command(List.of(binaries.program("pg_ctl").toString(), "stop", "-D", data.toString(),
          "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))), log, STOP_TIMEOUT.plusSeconds(10));
      if (!postmaster.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pg_ctl stopped but the postmaster is still there" + Commands.tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + this, e);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
    postmaster = null;
  }

  /**
   * Kills the postmaster and every server process with SIGKILL, as a crash of the machine's
   * database would, and waits until they are all gone (so that {@link #start()} can run crash
   * recovery). Transactions not committed are lost; committed ones survive. Does nothing when
   * it is not running.
   *
   * @throws IllegalStateException if a server process outlives its SIGKILL by 30 s
   */
  public synchronized void kill() {
    if (postmaster == null) {
      return;
    }
    ProcessKiller.killTree(postmaster.toHandle(), data, Duration.ofSeconds(30));
    // killTree counts a zombie as gone, but the next start reads a zombie's pid in postmaster.pid as a
    // live postmaster ("lock file already exists"): wait until the JVM has reaped its child.
    try {
      if (!postmaster.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the postmaster of " + this + " was not reaped 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + this, e);
    }
    postmaster = null;
  }

  /**
   * Stops the server (killing it if it does not stop) and deletes its directory. Idempotent.
   *
   * @throws UncheckedIOException if the directory cannot be deleted
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } catch (RuntimeException e) {
      // stop() has killed it: the directory can go all the same
    } finally {
      deleteTree(directory);
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: nothing to remove
      }
    }
  }

  /** Returns the address, the port and the directory; never a password. */
  @Override
  public String toString() {
    return "PostgresServer[" + HOST + ":" + port + ", " + directory + "]";
  }

  private void initialise() {
    Path passwordFile = directory.resolve("superuser-password");
    try {
      Files.createDirectories(sockets);
      Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
      account.own(directory);
      Commands.run(account.command(List.of(binaries.program("initdb").toString(), "-D", data.toString(),
          "-U", SUPERUSER, "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C",
          "--auth-local=trust", "--auth-host=scram-sha-256",
          // initdb's own fsync of the fresh files only; the server runs with fsync on
          "--no-sync")), log, START_TIMEOUT);
      Files.delete(passwordFile);
      // Loopback TCP only, always with a password; the Unix socket (in our own directory) is trusted.
      Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
          "local all all trust",
          "host all all 127.0.0.1/32 scram-sha-256",
          ""), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot initialise a PostgreSQL cluster in " + directory, e);
    }
  }

  /** Starts on a free port, choosing another when the one chosen is taken meanwhile. */
  private synchronized void startOnFreePort() {
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      try {
        launch();
        return;
      } catch (IllegalStateException e) {
        if (attempt == BIND_ATTEMPTS || !Commands.tail(log).contains("could not bind")) {
          throw e;
        }
      }
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(binaries.program("postgres").toString(),
        "-D", data.toString(), "-h", HOST, "-p", Integer.toString(port), "-k", sockets.toString(),
        "-c", "fsync=on", "-c", "max_connections=200"));
    ProcessBuilder builder = new ProcessBuilder(account.command(command))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("LC_ALL", "C");
    try {
      postmaster = builder.start();
      postmaster.getOutputStream().close();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
    }
    awaitConnections();
  }

  private void awaitConnections() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    try {
      while (System.nanoTime() < deadline) {
        if (!postmaster.isAlive()) {
          int exit = postmaster.exitValue();
          postmaster = null;
          throw new IllegalStateException("PostgreSQL on port " + port + " exited with " + exit
              + " while starting" + Commands.tail(log));
        }
        try {
          connect(jdbcUrl("postgres", SUPERUSER, superuserPassword)).close();
          return;
        } catch (SQLException notYet) {
          last = notYet;
        }
        // Paces the poll, and returns at once if the server dies.
        postmaster.waitFor(50, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new IllegalStateException("interrupted while starting " + this, e);
    }
    kill();
    throw new IllegalStateException("PostgreSQL on port " + port + " did not accept connections within "
        + START_TIMEOUT + " (last: " + (last == null ? "none" : last.getMessage()) + ")" + Commands.tail(log));
  }

  private void createDatabase() {
    try (Connection c = connect(jdbcUrl("postgres", SUPERUSER, superuserPassword));
         Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the role and database on " + this + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url) throws SQLException {
    Properties timeouts = new Properties();
    timeouts.setProperty("connectTimeout", "2");
    timeouts.setProperty("loginTimeout", "5");
    timeouts.setProperty("socketTimeout", "30");
    return DriverManager.getConnection(url, timeouts);
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Runs in the shutdown hook: the JVM is exiting without close(). */
  private void crashCleanup() {
    Process p = postmaster;
    if (p != null) {
      ProcessKiller.killTree(p.toHandle(), data, Duration.ofSeconds(10));
    }
    deleteTree(directory);
  }

  /** A new directory under /tmp (world-traversable, unlike a private java.io.tmpdir), mode 0700. */
  private static Path newDirectory() {
    Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return Files.createTempDirectory(base, "cairn-pg-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for PostgreSQL under " + base, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return "pw" + HexFormat.of().formatHex(bytes);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
