package dev.cairn.jdbc;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.BackendUri;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a JDBC backend, read from its URI: the driver URL plus Cairn's own query
 * parameters, which are taken out before the URL reaches the driver. {@link #toString()} shows
 * no password.
 *
 * @param dialect the database
 * @param driverUrl the URL handed to the driver: without Cairn's parameters, user or password
 * @param user the user, or null
 * @param password the password, or null; never shown
 * @param poolSize the most connections the pool opens
 * @param poolTimeout how long a caller waits for a free connection before {@code Unavailable}
 * @param tablePrefix the prefix of every table name
 * @param retention how many revisions of change history each namespace keeps at least
 * @param maxValueBytes the largest value
 * @param redacted the URI as shown in messages
 */
record JdbcConfig(Dialect dialect, String driverUrl, String user, String password, int poolSize,
    Duration poolTimeout, String tablePrefix, long retention, long maxValueBytes, String redacted) {
  static final String DEFAULT_PREFIX = "cairn_";
  /** Lower-case letters, digits and underscores, starting with a letter: safe in SQL unquoted on every dialect. */
  static final Pattern PREFIX_RULE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Set<String> CAIRN_PARAMETERS = new TreeSet<>(Set.of("namespace", "user", "password",
      "poolSize", "poolTimeout", "tablePrefix", "retention", "maxValueBytes"));

  static JdbcConfig from(BackendUri uri) {
    Dialect dialect = Dialect.of(uri.scheme());
    Map<String, String> params = uri.parameters();
    Map<String, String> driverParams = new LinkedHashMap<>(params);
    driverParams.keySet().removeAll(CAIRN_PARAMETERS);
    if (dialect == Dialect.H2 && !driverParams.isEmpty()) {
      throw new InvalidArgumentException("unknown parameter(s) " + driverParams.keySet() + " in " + uri
          + "; H2 settings go after ';' in the URL, Cairn's are " + CAIRN_PARAMETERS);
    }
    String body = uri.body();
    if (body.isEmpty()) {
      throw new InvalidArgumentException("URI " + uri + " names no database, as in " + dialect.example());
    }
    StringBuilder driverUrl = new StringBuilder(uri.scheme()).append(':').append(body);
    char sep = '?';
    for (Map.Entry<String, String> p : driverParams.entrySet()) {
      driverUrl.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
      sep = '&';
    }
    String prefix = params.getOrDefault("tablePrefix", DEFAULT_PREFIX);
    if (!PREFIX_RULE.matcher(prefix).matches()) {
      throw new InvalidArgumentException("tablePrefix '" + prefix + "' of " + uri + " breaks the rule "
          + PREFIX_RULE.pattern() + " (lower-case letters, digits, '_', at most 40 characters)");
    }
    return new JdbcConfig(dialect, dialect.driverUrl(driverUrl.toString()), params.get("user"), params.get("password"),
        (int) uri.positiveParameter("poolSize", dialect.defaultPoolSize(), 1000),
        Duration.ofMillis(uri.positiveParameter("poolTimeout", 30_000, Integer.MAX_VALUE)),
        prefix,
        uri.positiveParameter("retention", 100_000, Long.MAX_VALUE),
        uri.positiveParameter("maxValueBytes", 1 << 20, 256L << 20),
        uri.redacted());
  }

  /** Whether the database lives only as long as the process (SQLite's and H2's in-memory databases). */
  boolean inMemory() {
    return driverUrl.startsWith("jdbc:h2:mem:") || driverUrl.contains(":memory:")
        || driverUrl.contains("mode=memory");
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "JdbcConfig{" + redacted + ", poolSize=" + poolSize + ", tablePrefix=" + tablePrefix
        + ", retention=" + retention + "}";
  }
}
