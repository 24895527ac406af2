package dev.cairn.datastore;

import dev.cairn.tck.StoreFactory;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts one emulator of a kind for the whole test run, on first use,
 * and stops it when the run ends; {@link #factory()} opens each test's store in a fresh
 * namespace of it, from its URI, so stores can be reopened and tests never see each other's data.
 * The emulators keep everything in memory, so the fixture clears the emulator before each test it
 * serves: a whole TCK run (or one area, such as views under writers) would otherwise fill their
 * heap. Tests of a JVM run one at a time. Thread-safe.
 */
public final class DatastoreFixture implements BeforeAllCallback, BeforeEachCallback {
  private final DatastoreEmulator.Kind kind;
  private final AtomicInteger counter = new AtomicInteger();
  private final String run = HexFormat.of().formatHex(randomBytes());
  private volatile String uri;
  private volatile DatastoreEmulator emulator;

  private DatastoreFixture(DatastoreEmulator.Kind kind) {
    this.kind = kind;
  }

  /** A fixture of the Datastore emulator. */
  public static DatastoreFixture datastore() {
    return new DatastoreFixture(DatastoreEmulator.Kind.DATASTORE);
  }

  /** A fixture of the Firestore emulator in Datastore mode. */
  public static DatastoreFixture firestore() {
    return new DatastoreFixture(DatastoreEmulator.Kind.FIRESTORE);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(DatastoreFixture.class));
    Running running = store.getOrComputeIfAbsent(kind, k -> new Running(DatastoreEmulator.start(kind)), Running.class);
    emulator = running.emulator;
    uri = running.emulator.uri();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator.reset();
  }

  /** Returns the URI of the emulator's test project. */
  public String uri() {
    if (uri == null) {
      throw new IllegalStateException("register the fixture with @RegisterExtension on a static field");
    }
    return uri;
  }

  /** Returns a namespace no other test of this run uses. */
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

  /** The emulator of the run, stopped by JUnit when the root context closes. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final DatastoreEmulator emulator;

    Running(DatastoreEmulator emulator) {
      this.emulator = emulator;
    }

    @Override
    public void close() throws Exception {
      emulator.close();
    }
  }
}
