package dev.cairn.redis;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.BackendUri;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a Redis backend, read from its URI:
 * {@code redis://[user:password@]host[:port][/database][?params]}, {@code rediss://…} (TLS) or
 * {@code redis-cluster://[user:password@]host:port,host:port[?params]}. Parameters:
 * {@code prefix} (of every key, default {@code cairn}), {@code retention} (revisions of change
 * history kept per namespace), {@code timeout} (milliseconds per command), {@code maxValueBytes},
 * {@code maxWritesPerCommit}, {@code tls} (cluster only) and {@code namespace} (read by Cairn).
 * Immutable; {@link #toString()} hides the password.
 */
final class RedisConfig {
  static final String SCHEME = "redis";
  static final String TLS_SCHEME = "rediss";
  static final String CLUSTER_SCHEME = "redis-cluster";
  static final long DEFAULT_RETENTION = 100_000;
  private static final Set<String> KNOWN = new TreeSet<>(Set.of("prefix", "retention", "timeout", "maxValueBytes",
      "maxWritesPerCommit", "tls", "namespace"));
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_.-]+|\\[[0-9A-Fa-f:.]+\\]");

  /** A server address. */
  record Address(String host, int port) {}

  final List<Address> addresses;
  final boolean cluster;
  final boolean tls;
  final String user;
  final String password;
  final int database;
  final String prefix;
  final long retention;
  final Duration timeout;
  final long maxValueBytes;
  final int maxWritesPerCommit;
  private final String redacted;

  private RedisConfig(BackendUri uri, List<Address> addresses, String user, String password, int database) {
    Map<String, String> params = uri.parameters();
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        throw new InvalidArgumentException("unknown parameter '" + name + "' in " + uri + "; known: " + KNOWN);
      }
    }
    this.redacted = uri.redacted();
    this.addresses = List.copyOf(addresses);
    this.cluster = uri.scheme().equals(CLUSTER_SCHEME);
    this.tls = uri.scheme().equals(TLS_SCHEME) || bool(uri, params, "tls");
    if (tls && params.containsKey("tls") && !cluster) {
      throw new InvalidArgumentException("parameter 'tls' of " + uri + " is for redis-cluster:// URIs; use rediss://");
    }
    this.user = user;
    this.password = password;
    this.database = database;
    this.prefix = params.getOrDefault("prefix", "cairn");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new InvalidArgumentException("parameter 'prefix' of " + uri + " must match " + PREFIX.pattern());
    }
    this.retention = uri.positiveParameter("retention", DEFAULT_RETENTION, Long.MAX_VALUE);
    this.timeout = Duration.ofMillis(uri.positiveParameter("timeout", 10_000, Integer.MAX_VALUE));
    this.maxValueBytes = uri.positiveParameter("maxValueBytes", 1L << 20, 512L << 20);
    this.maxWritesPerCommit = (int) uri.positiveParameter("maxWritesPerCommit", 10_000, Integer.MAX_VALUE);
  }

  /**
   * Reads the settings of a URI.
   *
   * @throws InvalidArgumentException if the URI is malformed; the message shows it redacted
   */
  static RedisConfig from(BackendUri uri) {
    String body = uri.body();
    if (!body.startsWith("//")) {
      throw new InvalidArgumentException("URI " + uri + " must look like " + uri.scheme() + "://host:port");
    }
    String rest = body.substring(2);
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = info.indexOf(':');
      String rawUser = colon < 0 ? info : info.substring(0, colon);
      user = rawUser.isEmpty() ? null : decode(uri, rawUser);
      password = colon < 0 ? null : decode(uri, info.substring(colon + 1));
      if (colon < 0) { // redis://secret@host is a password alone, as redis-cli reads it
        password = user;
        user = null;
      }
    }
    int database = 0;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String db = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
      if (!db.isEmpty()) {
        if (uri.scheme().equals(CLUSTER_SCHEME)) {
          throw new InvalidArgumentException("URI " + uri + ": Redis Cluster has only database 0");
        }
        database = (int) number(uri, "database", db, 0, 15_999);
      }
    }
    List<Address> addresses = new ArrayList<>();
    for (String hostPort : rest.split(",", -1)) {
      addresses.add(address(uri, hostPort));
    }
    if (addresses.size() > 1 && !uri.scheme().equals(CLUSTER_SCHEME)) {
      throw new InvalidArgumentException("URI " + uri + " names several hosts; use redis-cluster:// for a cluster");
    }
    return new RedisConfig(uri, addresses, user, password, database);
  }

  private static Address address(BackendUri uri, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort;
    int port = 6379;
    if (colon >= 0 && hostPort.indexOf(']', colon) < 0) {
      host = hostPort.substring(0, colon);
      port = (int) number(uri, "port", hostPort.substring(colon + 1), 1, 65_535);
    }
    if (!HOST.matcher(host).matches()) {
      throw new InvalidArgumentException("URI " + uri + " has a malformed host: '" + host + "'");
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Address(host, port);
  }

  private static String decode(BackendUri uri, String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("URI " + uri + " has malformed user info");
    }
  }

  private static long number(BackendUri uri, String what, String text, long min, long max) {
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidArgumentException("URI " + uri + ": " + what + " must be an integer from " + min + " to " + max
        + ": '" + text + "'");
  }

  private static boolean bool(BackendUri uri, Map<String, String> params, String name) {
    String text = params.get(name);
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new InvalidArgumentException("parameter '" + name + "' of " + uri + " must be true or false: " + text);
  }

  /** Returns the URI with its password hidden. */
  @Override
  public String toString() {
    return redacted;
  }
}
