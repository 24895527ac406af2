package dev.cairn.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free loopback port, in a temporary directory,
 * with the append-only file on and fsynced on every write ({@code appendfsync always}). It can be
 * stopped, killed with SIGKILL and restarted on the same port and directory (its data survives in
 * the AOF). The binary is {@code $CAIRN_REDIS_SERVER}, or {@code redis-server} on the PATH, or
 * {@code /usr/bin/redis-server}. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final List<String> extra;
  private Process process;

  private RedisServer(Path dir, int port, List<String> extra) {
    this.dir = dir;
    this.port = port;
    this.extra = extra;
  }

  /** Starts a standalone server. */
  public static RedisServer start() {
    return start(List.of());
  }

  /**
   * Starts a server with extra {@code redis-server} arguments, such as
   * {@code --cluster-enabled yes}.
   *
   * @throws IllegalStateException if the binary is missing or the server does not come up
   */
  public static RedisServer start(List<String> extraArgs) {
    try {
      RedisServer server = new RedisServer(Files.createTempDirectory("cairn-redis"), freePort(), List.copyOf(extraArgs));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the port the server listens on. */
  public int port() {
    return port;
  }

  /** Returns {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  static String binary() {
    String configured = System.getenv("CAIRN_REDIS_SERVER");
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if (Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
      return "/usr/bin/redis-server";
    }
    throw new IllegalStateException("redis-server not found (set CAIRN_REDIS_SERVER or put it on the PATH); "
        + "on a fresh machine run .ci/install-servers, which installs Debian's redis-server");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(binary(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
        "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
        "--protected-mode", "no", "--logfile", "redis.log"));
    command.addAll(extra);
    process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        Object pong = Resp.once(port, "PING");
        if ("PONG".equals(pong)) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet, or still loading its AOF
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
            + "; see " + dir.resolve("redis.log"));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING in 20 s");
      }
      Thread.onSpinWait();
      try {
        process.waitFor(20, TimeUnit.MILLISECONDS); // a poll interval, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** Kills the server with SIGKILL, as a crash would, and waits for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    waitGone();
  }

  /** Stops the server with SIGTERM (it flushes and exits) and waits for it to be gone. */
  public void stop() {
    process.destroy();
    waitGone();
  }

  private void waitGone() {
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port and directory, after {@link #stop} or {@link #kill}. */
  public void restart() {
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitGone();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
