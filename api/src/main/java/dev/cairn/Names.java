package dev.cairn;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rules for names and ids, checked by Cairn before anything reaches a backend, so
 * every backend accepts exactly the same inputs. Every check throws
 * {@link InvalidArgumentException} naming the argument and the rule it broke.
 */
public final class Names {
  /** The longest record id, record name or index key, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = 512;

  private static final Pattern COLLECTION = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private Names() {}

  /**
   * Checks a collection name: {@code [a-z][a-z0-9_-]{0,62}}. Index names follow the same rule.
   *
   * @return the name
   * @throws InvalidArgumentException if the name is null or breaks the rule
   */
  public static String checkCollection(String name) {
    return check("collection name", name, COLLECTION, "[a-z][a-z0-9_-]{0,62}");
  }

  /** Checks an index name, which follows the collection rule. */
  public static String checkIndex(String name) {
    return check("index name", name, COLLECTION, "[a-z][a-z0-9_-]{0,62}");
  }

  /**
   * Checks a namespace name: {@code [a-z0-9][a-z0-9_-]{0,62}}.
   *
   * @return the name
   * @throws InvalidArgumentException if the name is null or breaks the rule
   */
  public static String checkNamespace(String name) {
    return check("namespace", name, NAMESPACE, "[a-z0-9][a-z0-9_-]{0,62}");
  }

  /**
   * Checks a record id: a non-empty string of at most {@value #MAX_ID_BYTES} UTF-8 bytes that
   * is well-formed UTF-16 (no lone surrogate) and holds no NUL character.
   *
   * @return the id
   * @throws InvalidArgumentException if the id breaks the rule
   */
  public static String checkId(String id) {
    return checkKey("record id", id);
  }

  /** Returns whether {@code key} passes {@link #checkKey}, without building any message. */
  public static boolean isValidKey(String key) {
    try {
      checkKey("key", key);
      return true;
    } catch (InvalidArgumentException e) {
      return false;
    }
  }

  /** Checks a record name or an index key with the rule of {@link #checkId}. */
  public static String checkKey(String what, String key) {
    if (key == null) {
      throw new InvalidArgumentException(what + " must not be null");
    }
    if (key.isEmpty()) {
      throw new InvalidArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == 0) {
        throw new InvalidArgumentException(what + " must not contain NUL: " + quote(key));
      }
      if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidArgumentException(what + " is not well-formed UTF-16 (lone surrogate at " + i + ")");
      }
    }
    if (key.length() * 3 <= MAX_ID_BYTES) {
      return key; // no UTF-16 unit takes more than 3 UTF-8 bytes, so the key fits
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_ID_BYTES) {
      throw new InvalidArgumentException(what + " is " + bytes + " UTF-8 bytes; the limit is " + MAX_ID_BYTES);
    }
    return key;
  }

  private static String check(String what, String name, Pattern rule, String ruleText) {
    if (name == null) {
      throw new InvalidArgumentException(what + " must not be null");
    }
    if (!rule.matcher(name).matches()) {
      throw new InvalidArgumentException(what + " " + quote(name) + " does not match " + ruleText);
    }
    return name;
  }

  static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
