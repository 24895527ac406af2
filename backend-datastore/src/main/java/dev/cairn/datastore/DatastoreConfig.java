package dev.cairn.datastore;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.BackendUri;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a Datastore backend, read from its URI:
 * {@code datastore://PROJECT[/DATABASE][?params]}. Parameters: {@code emulatorHost}
 * ({@code host:port} of an emulator; without it, {@code DATASTORE_EMULATOR_HOST} or Google Cloud
 * itself with the credentials the client finds by default), {@code prefix} (the name of every
 * namespace's root entity, default {@code cairn}), {@code retention} (revisions of change
 * history kept per namespace), {@code pollMillis} (how often a watched namespace's revision is
 * read), {@code timeout} (milliseconds per request), {@code maxWritesPerCommit}, {@code lookups}
 * ({@code single} or {@code transactional}: how a point read gets one snapshot) and
 * {@code namespace} (read by Cairn). Immutable; it holds no credential.
 */
final class DatastoreConfig {
  static final String SCHEME = "datastore";
  static final long DEFAULT_RETENTION = 100_000;
  /**
   * The largest value: an entity holds at most 1,048,572 bytes, key, property names and index
   * keys included; this leaves 48 KB for them.
   */
  static final long MAX_VALUE_BYTES = 1_000_000;
  /**
   * A commit writes per record its entity and a change entity, plus one collection entity per
   * collection and three more (root, commit, token): 3 × 160 + 3 stays under Datastore's 500
   * entities per commit.
   */
  static final int MAX_WRITES_PER_COMMIT = 160;
  /** Datastore takes a transaction of at most 10 MiB. */
  static final long SERVICE_REQUEST_BYTES = 10L << 20;
  /** Both emulators refuse a commit request over 4 MiB (gRPC's default message size). */
  static final long EMULATOR_REQUEST_BYTES = 4L << 20;
  /**
   * Room in a commit request for keys, properties and the entities beside the values: per write
   * {@link CommitTransaction#WRITE_ROOM} bytes, {@link #MAX_WRITES_PER_COMMIT} times, and more.
   */
  private static final long REQUEST_ROOM = 384L << 10;

  private static final Set<String> KNOWN = new TreeSet<>(Set.of("emulatorHost", "prefix", "retention",
      "pollMillis", "timeout", "maxWritesPerCommit", "lookups", "namespace"));
  /** Google Cloud project ids, and the older domain-scoped {@code example.com:project}. */
  private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
  private static final Pattern DATABASE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9_.-]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}");

  final String project;
  /** The database id, or null for the default database. */
  final String database;
  /** {@code host:port} of an emulator, or null for Google Cloud. */
  final String emulatorHost;
  final String prefix;
  final long retention;
  final Duration pollInterval;
  final Duration timeout;
  final int maxWritesPerCommit;
  /** How a point read gets one snapshot. */
  enum Lookups {
    /** One plain lookup: the service reads all its keys at one read time. */
    SINGLE,
    /** One lookup in a read-only transaction: the Firestore emulator reads a plain lookup's keys one by one. */
    TRANSACTIONAL,
    /**
     * {@code SINGLE} if the server's answers carry no read time, which only the legacy Datastore
     * emulator leaves out (and it reads a lookup at one snapshot), otherwise {@code TRANSACTIONAL}.
     */
    BY_SERVER
  }

  final Lookups lookups;
  /**
   * Whether the query listing a namespace's collections runs in a read-only transaction (scans
   * and index lookups always do; the feed is read by key), which is what an emulator needs: the
   * Datastore emulator keeps, for each query outside a transaction that overlaps a commit, an
   * internal transaction that is never released and holds a copy of the entity group; in a
   * read-only transaction both emulators read one snapshot. On the service a query outside a transaction is consistent and one request.
   */
  final boolean transactionalQueries;
  /** The most bytes of one commit request: the service's limit, or the emulators' smaller one. */
  final long maxRequestBytes;
  private final String shown;

  private DatastoreConfig(BackendUri uri, String project, String database, String environmentEmulatorHost) {
    Map<String, String> params = uri.parameters();
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new InvalidArgumentException("unknown parameter '" + name + "' in " + uri + "; known: " + KNOWN);
      }
    }
    this.project = project;
    this.database = database;
    String host = params.getOrDefault("emulatorHost", environmentEmulatorHost);
    if (host != null && !HOST_PORT.matcher(host).matches()) {
      throw new InvalidArgumentException("emulator host of " + uri + " must look like host:port: '" + host + "'");
    }
    this.emulatorHost = host;
    this.prefix = params.getOrDefault("prefix", "cairn");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new InvalidArgumentException("parameter 'prefix' of " + uri + " must match " + PREFIX.pattern());
    }
    this.retention = uri.positiveParameter("retention", DEFAULT_RETENTION, Long.MAX_VALUE);
    this.pollInterval = Duration.ofMillis(uri.positiveParameter("pollMillis", 50, 60_000));
    this.timeout = Duration.ofMillis(uri.positiveParameter("timeout", 30_000, Integer.MAX_VALUE));
    this.maxWritesPerCommit = (int) uri.positiveParameter("maxWritesPerCommit", MAX_WRITES_PER_COMMIT,
        MAX_WRITES_PER_COMMIT);
    this.maxRequestBytes = host == null ? SERVICE_REQUEST_BYTES : EMULATOR_REQUEST_BYTES;
    String lookups = params.get("lookups");
    if (lookups == null) {
      this.lookups = host == null ? Lookups.SINGLE : Lookups.BY_SERVER;
    } else if (lookups.equals("single") || lookups.equals("transactional")) {
      this.lookups = Lookups.valueOf(lookups.toUpperCase(java.util.Locale.ROOT));
    } else {
      throw new InvalidArgumentException("parameter 'lookups' of " + uri + " must be single or transactional: "
          + lookups);
    }
    this.transactionalQueries = host != null;
    this.shown = uri.redacted();
  }

  /**
   * The most value bytes per commit: every value is written twice (the record and its change),
   * so half of a request, less room for the rest.
   */
  long maxCommitBytes() {
    return (maxRequestBytes - REQUEST_ROOM) / 2;
  }

  /**
   * Reads the settings of a URI.
   *
   * @throws InvalidArgumentException if the URI is malformed; the message shows it redacted
   */
  static DatastoreConfig from(BackendUri uri) {
    return from(uri, System.getenv("DATASTORE_EMULATOR_HOST"));
  }

  static DatastoreConfig from(BackendUri uri, String environmentEmulatorHost) {
    String body = uri.body();
    if (!body.startsWith("//") || body.length() == 2) {
      throw new InvalidArgumentException("URI " + uri + " must look like datastore://PROJECT[/DATABASE]");
    }
    String rest = body.substring(2);
    String database = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      database = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (database.isEmpty() || database.equals("(default)")) {
        database = null; // the default database; emulators refuse its explicit id
      } else if (!DATABASE.matcher(database).matches()) {
        throw new InvalidArgumentException("URI " + uri + " names a malformed database id '" + database
            + "'; it must match " + DATABASE.pattern());
      }
    }
    if (!PROJECT.matcher(rest).matches()) {
      throw new InvalidArgumentException("URI " + uri + " names a malformed project id '" + rest + "'");
    }
    return new DatastoreConfig(uri, rest, database, blankToNull(environmentEmulatorHost));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Returns the URI as given (it holds no credential: those come from the environment). */
  @Override
  public String toString() {
    return shown;
  }
}
