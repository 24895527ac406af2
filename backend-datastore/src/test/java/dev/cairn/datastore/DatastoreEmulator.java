package dev.cairn.datastore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of Google's Datastore emulators as a child process on a free loopback port: the Datastore
 * emulator ({@link Kind#DATASTORE}, in memory, or on disk so that it survives {@link #stop()} and
 * {@link #restart()}) or the Firestore emulator in Datastore mode ({@link Kind#FIRESTORE}). Both come with
 * the Google Cloud CLI; its root is {@code $CLOUDSDK_ROOT}, or what {@code gcloud info} names, or
 * a standard install location. Not thread-safe.
 */
public final class DatastoreEmulator implements AutoCloseable {
  /** Which emulator. */
  public enum Kind {
    DATASTORE("cloud-datastore-emulator/CloudDatastore.jar", "google-cloud-cli-datastore-emulator",
        "cloud-datastore-emulator"),
    FIRESTORE("cloud-firestore-emulator/cloud-firestore-emulator.jar", "google-cloud-cli-firestore-emulator",
        "cloud-firestore-emulator");

    final String jar;
    final String debianPackage;
    final String component;

    Kind(String jar, String debianPackage, String component) {
      this.jar = jar;
      this.debianPackage = debianPackage;
      this.component = component;
    }
  }

  private static final long START_TIMEOUT_SECONDS = 60;

  private final Kind kind;
  private final Path jar;
  private final int port;
  private final Path dataDir;
  private final Path log;
  private Process process;

  private DatastoreEmulator(Kind kind, Path jar, int port, Path dataDir) throws IOException {
    this.kind = kind;
    this.jar = jar;
    this.port = port;
    this.dataDir = dataDir;
    this.log = Files.createTempFile("cairn-" + kind.name().toLowerCase() + "-emulator", ".log");
  }

  /**
   * Starts an emulator that keeps its data in memory.
   *
   * @throws IllegalStateException naming the install step if the emulator is missing, or if it
   *     does not come up
   */
  public static DatastoreEmulator start(Kind kind) {
    return start(kind, null);
  }

  /**
   * Starts a Datastore emulator that keeps its data in {@code dataDir}, so that it survives
   * {@link #stop()} and {@link #restart()}.
   */
  public static DatastoreEmulator startOnDisk(Path dataDir) {
    return start(Kind.DATASTORE, dataDir);
  }

  private static DatastoreEmulator start(Kind kind, Path dataDir) {
    try {
      DatastoreEmulator emulator = new DatastoreEmulator(kind, jar(kind), freePort(), dataDir);
      emulator.launch();
      return emulator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code 127.0.0.1:port}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Returns the URI of a store on this emulator, in project {@code test-project}, with the defaults. */
  public String uri() {
    return "datastore://test-project?emulatorHost=" + hostPort();
  }

  public Kind kind() {
    return kind;
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx6g", "-Duser.language=en", "-cp",
        jar.toString()));
    if (kind == Kind.DATASTORE) {
      command.addAll(List.of("com.google.cloud.datastore.emulator.CloudDatastore", "start", "--host=127.0.0.1",
          "--port=" + port));
      if (dataDir == null) {
        command.add("--testing");
      } else {
        command.addAll(List.of("--store_on_disk=true", "--consistency=1.0", dataDir.toString()));
        if (!Files.exists(dataDir.resolve("WEB-INF"))) {
          create(dataDir);
        }
      }
    } else {
      command.addAll(List.of("com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start",
          "--host=127.0.0.1", "--port=" + port, "--database-mode=datastore-mode"));
    }
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind + " emulator exited with " + process.exitValue() + " at start; its log: "
            + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(kind + " emulator did not answer on port " + port + " within "
            + START_TIMEOUT_SECONDS + " s; its log: " + Files.readString(log));
      }
      sleepMillis(100); // polling a starting JVM, bounded by the deadline
    }
  }

  private void create(Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Process p = new ProcessBuilder(javaBinary(), "-cp", jar.toString(),
        "com.google.cloud.datastore.emulator.CloudDatastore", "create", "--project_id=test-project", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("cannot create a Datastore emulator directory; log: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + hostPort() + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Clears every namespace. */
  public void reset() {
    post("/reset");
  }

  private void post(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + hostPort() + path).toURL().openConnection();
      c.setRequestMethod("POST");
      c.setConnectTimeout(2000);
      c.setReadTimeout(10_000);
      int code = c.getResponseCode();
      c.disconnect();
      if (code != 200) {
        throw new IllegalStateException("POST " + path + " to the " + kind + " emulator answered " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the emulator with SIGTERM, as an operator or an orchestrator would: requests in flight
   * fail, and one on disk writes its data out as it exits. (After SIGKILL the Datastore emulator
   * loses everything since its start: it keeps its data in memory and writes it out only then.)
   */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(kind + " emulator did not stop within 30 s of SIGTERM");
      }
      process = null;
    }
  }

  /** Kills the emulator at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** Starts the emulator again on the same port (and directory, when on disk). */
  public void restart() throws IOException {
    if (process != null) {
      throw new IllegalStateException("the emulator still runs");
    }
    launch();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** Finds the emulator's jar under the Google Cloud CLI's root. */
  static Path jar(Kind kind) {
    List<Path> roots = new ArrayList<>();
    String configured = System.getenv("CLOUDSDK_ROOT");
    if (configured != null && !configured.isBlank()) {
      roots.add(Path.of(configured));
    }
    String fromGcloud = gcloudRoot();
    if (fromGcloud != null) {
      roots.add(Path.of(fromGcloud));
    }
    for (String standard : List.of("/usr/lib/google-cloud-sdk", "/usr/share/google-cloud-sdk",
        "/opt/google-cloud-sdk", System.getProperty("user.home") + "/google-cloud-sdk")) {
      roots.add(Path.of(standard));
    }
    for (Path root : roots) {
      Path jar = root.resolve("platform").resolve(kind.jar);
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException("the " + kind.component + " of the Google Cloud CLI is not installed (looked under "
        + roots + "); on a fresh machine run .ci/install-servers, which installs Debian's " + kind.debianPackage
        + ", or run: gcloud components install " + kind.component + " (or set CLOUDSDK_ROOT)");
  }

  private static String gcloudRoot() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "gcloud"))) {
        try {
          Process p = new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(false).start();
          String out = new String(p.getInputStream().readAllBytes()).trim();
          if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
            return out;
          }
        } catch (IOException e) {
          return null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
    return null;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    }
  }
}
