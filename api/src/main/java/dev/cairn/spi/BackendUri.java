package dev.cairn.spi;

import dev.cairn.InvalidArgumentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store URI as handed to a {@link BackendProvider}. It keeps the text the user gave, but
 * {@link #toString()} and {@link #redacted()} hide any password: in user info
 * ({@code user:secret@host}) and in query parameters named like a credential.
 * Immutable and thread-safe.
 */
public final class BackendUri {
  /** Parameter names (lower case, '-' and '_' removed) that hold a credential when they contain one of these. */
  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "pwd", "secret", "token", "apikey", "credential");
  /** User info up to the authority's last '@', so a password holding an unencoded '@' is hidden whole. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/?#:]*:)([^/?#]*)@");
  private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");

  private final String text;
  private final String scheme;

  /**
   * Creates a URI.
   *
   * @param text the whole URI as the user wrote it
   * @param scheme the claimed scheme it matched, such as {@code jdbc:postgresql}
   */
  public BackendUri(String text, String scheme) {
    this.text = Objects.requireNonNull(text, "text");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    if (!text.startsWith(scheme + ":")) {
      throw new InvalidArgumentException("URI " + redact(text) + " does not start with " + scheme + ":");
    }
  }

  /** Returns the whole URI, password included. Never log it; use {@link #redacted()}. */
  public String secretText() {
    return text;
  }

  /** Returns the claimed scheme this URI matched. */
  public String scheme() {
    return scheme;
  }

  /** Returns what follows {@code scheme:}, password included, without the query. */
  public String body() {
    String rest = text.substring(scheme.length() + 1);
    int q = rest.indexOf('?');
    return q < 0 ? rest : rest.substring(0, q);
  }

  /** Returns the query parameters, decoded, in order; unmodifiable. */
  public Map<String, String> parameters() {
    int q = text.indexOf('?');
    if (q < 0) {
      return Map.of();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : text.substring(q + 1).split("[&;]")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.put(key, value);
    }
    return Collections.unmodifiableMap(params);
  }

  /** Returns one query parameter, if present. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters().get(name));
  }

  /**
   * Returns a query parameter that must be a whole number from 1 to {@code max}, the setting every
   * backend reads sizes and counts from.
   *
   * @param fallback the value when the parameter is absent
   * @throws InvalidArgumentException naming the parameter and this URI (redacted) if it is present
   *     and not such a number
   */
  public long positiveParameter(String name, long fallback, long max) {
    String text = parameters().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value > 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidArgumentException("parameter '" + name + "' of " + this + " must be "
        + (max == Long.MAX_VALUE ? "a positive integer" : "an integer from 1 to " + max) + ": " + text);
  }

  /** Returns the URI with every password replaced by {@code ****}. */
  public String redacted() {
    return redact(text);
  }

  /** Returns {@link #redacted()}. */
  @Override
  public String toString() {
    return redacted();
  }

  /** Returns {@code text} with every password replaced by {@code ****}; safe for any message. */
  public static String redact(String text) {
    if (text == null) {
      return "null";
    }
    String s = USER_INFO.matcher(text).replaceAll("$1****@");
    Matcher m = QUERY_PARAM.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = isSecret(m.group(2)) ? "****" : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether a parameter name looks like a credential: {@code password}, {@code sslpassword}, {@code access_token}... */
  private static boolean isSecret(String parameterName) {
    String name = parameterName.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return name.equals("pass") || SECRET_WORDS.stream().anyMatch(name::contains);
  }

  private String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("URI " + redacted() + " has a malformed query: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackendUri && ((BackendUri) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
