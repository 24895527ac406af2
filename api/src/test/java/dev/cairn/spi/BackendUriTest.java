package dev.cairn.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BackendUri}: body, parameters, and that a password never shows. */
class BackendUriTest {
  private static final String SECRET = "hunter2";

  private static void assertHidden(String shown) {
    assertFalse(shown.contains(SECRET), shown);
  }

  /** The body is what follows the scheme, password included, without the query. */
  @Test
  void body() {
    assertEquals("", new BackendUri("memory:", "memory").body());
    assertEquals("", new BackendUri("memory:?namespace=a", "memory").body());
    assertEquals("//u:" + SECRET + "@h:5432/db",
        new BackendUri("jdbc:postgresql://u:" + SECRET + "@h:5432/db?ssl=true", "jdbc:postgresql").body());
    assertEquals("foo", new BackendUri("x:y:foo", "x:y").body());
    assertEquals("/tmp/data", new BackendUri("memory:/tmp/data", "memory").body());
  }

  /** Parameters are percent- and plus-decoded, in order; a bare key has an empty value. */
  @Test
  void parametersAreDecodedInOrder() {
    BackendUri uri = new BackendUri(
        "test:?b=hello%20world&a=x+y&flag&&euro=%E2%82%AC;%6Eamespace=ns1&e=", "test");
    Map<String, String> params = uri.parameters();
    assertEquals(List.of("b", "a", "flag", "euro", "namespace", "e"), List.copyOf(params.keySet()));
    assertEquals("hello world", params.get("b"));
    assertEquals("x y", params.get("a"));
    assertEquals("", params.get("flag"));
    assertEquals("€", params.get("euro"));
    assertEquals(Optional.of("ns1"), uri.parameter("namespace"));
    assertEquals("", params.get("e"));
    assertEquals(Optional.empty(), uri.parameter("missing"));
    assertThrows(UnsupportedOperationException.class, () -> params.put("z", "1"));
  }

  /** A URI without a query has no parameters. */
  @Test
  void noQueryNoParameters() {
    assertTrue(new BackendUri("test://h/db", "test").parameters().isEmpty());
  }

  /** User-info passwords are hidden by toString() and redacted(); secretText() keeps them. */
  @ParameterizedTest
  @ValueSource(strings = {
      "redis://:" + SECRET + "@host:6379",
      "redis://user:" + SECRET + "@host:6379/0",
      "jdbc:postgresql://user:" + SECRET + "@db.example:5432/app?sslmode=require",
      "redis-cluster://user:" + SECRET + "@h1:1,h2:2",
      "datastore://user:" + SECRET + "@project",
      "redis://user:" + SECRET + ":more@host",
      "redis://user:" + SECRET + "%40x@host",
      "redis://user:p@" + SECRET + "@host:6379",
      "redis://us@er:" + SECRET + "@host:6379"})
  void userInfoPasswordIsRedacted(String text) {
    String scheme = text.substring(0, text.indexOf("://"));
    BackendUri uri = new BackendUri(text, scheme);
    assertHidden(uri.toString());
    assertHidden(uri.redacted());
    assertHidden(BackendUri.redact(text));
    assertTrue(uri.redacted().contains("****@"), uri.redacted());
    assertEquals(text, uri.secretText());
  }

  /** Credential-like query parameters are hidden, whatever their case; others stay readable. */
  @ParameterizedTest
  @ValueSource(strings = {"password", "PASSWORD", "Password", "secret", "token", "pwd", "pass", "apikey",
      "api_key", "credentials",
      "sslpassword", "access_token", "client_secret", "auth-token", "db_password"})
  void secretParametersAreRedacted(String name) {
    String text = "test://h/db?user=bob&" + name + "=" + SECRET + "&namespace=ns1";
    BackendUri uri = new BackendUri(text, "test");
    assertHidden(uri.toString());
    assertHidden(uri.redacted());
    assertTrue(uri.redacted().contains(name + "=****"), uri.redacted());
    assertTrue(uri.redacted().contains("user=bob") && uri.redacted().contains("namespace=ns1"), uri.redacted());
    assertEquals(SECRET, uri.parameter(name).orElseThrow());
  }

  /** Both places at once, and secret parameters first and after ';'. */
  @Test
  void everySecretOfOneUriIsRedacted() {
    String text = "test://u:" + SECRET + "@h/db?token=" + SECRET + "1;secret=" + SECRET + "2&x=1";
    String shown = new BackendUri(text, "test").toString();
    assertHidden(shown);
    assertTrue(shown.contains("x=1"), shown);
  }

  /** A malformed percent-encoding is an invalid argument whose message hides the password. */
  @ParameterizedTest
  @ValueSource(strings = {
      "test://u:" + SECRET + "@h?a=%zz",
      "test://u:" + SECRET + "@h?a=%",
      "test://h?password=" + SECRET + "%zz",
      "test://h?token=" + SECRET + "&bad=%e"})
  void malformedQueryHidesPassword(String text) {
    BackendUri uri = new BackendUri(text, "test");
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, uri::parameters);
    assertHidden(e.getMessage());
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
  }

  /** A URI that does not start with its scheme is rejected, without showing its password. */
  @Test
  void schemeMismatchHidesPassword() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> new BackendUri("redis://u:" + SECRET + "@h?password=" + SECRET, "memory"));
    assertHidden(e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> new BackendUri("memoryx:", "memory"));
  }

  /** Equal texts are equal URIs. */
  @Test
  void equality() {
    assertEquals(new BackendUri("test:a", "test"), new BackendUri("test:a", "test"));
    assertEquals(new BackendUri("test:a", "test").hashCode(), new BackendUri("test:a", "test").hashCode());
    assertFalse(new BackendUri("test:a", "test").equals(new BackendUri("test:b", "test")));
  }
}
