package dev.cairn.document;

import dev.cairn.InvalidArgumentException;
import dev.cairn.Names;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The record ids of a document's write attempts and chunks. A write attempt is named
 * {@code <document id>/<generation, 16 hex>.<attempt id, 16 hex>} and its chunks
 * {@code <attempt name>/<index, 8 hex>}; the suffixes have a fixed length, so the document id is
 * recovered by cutting them off, whatever characters it holds.
 */
final class DocumentIds {
  /** The length of {@code /<generation>.<attempt>}. */
  static final int ATTEMPT_SUFFIX = 1 + 16 + 1 + 16;
  /** The length of {@code /<index>} after an attempt name. */
  static final int CHUNK_SUFFIX = 1 + 8;
  /** The longest document id, in UTF-8 bytes: a record id leaves room for the chunk suffix. */
  static final int MAX_ID_BYTES = Names.MAX_ID_BYTES - ATTEMPT_SUFFIX - CHUNK_SUFFIX;

  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_-]{0,50}");

  private DocumentIds() {}

  /** Checks a document kind: {@code [a-z][a-z0-9_-]{0,50}}, so that the derived collection names are valid. */
  static String checkKind(String kind) {
    if (kind == null) {
      throw new InvalidArgumentException("document kind must not be null");
    }
    if (!KIND.matcher(kind).matches()) {
      throw new InvalidArgumentException("document kind '" + kind + "' does not match [a-z][a-z0-9_-]{0,50}");
    }
    return kind;
  }

  /** Checks a document id: a record id of at most {@link #MAX_ID_BYTES} UTF-8 bytes. */
  static String checkId(String id) {
    Names.checkKey("document id", id);
    int bytes = id.length() * 3 <= MAX_ID_BYTES ? 0 : id.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_ID_BYTES) {
      throw new InvalidArgumentException("document id is " + bytes + " UTF-8 bytes; the limit is " + MAX_ID_BYTES
          + " (a record id's " + Names.MAX_ID_BYTES + " less the chunk suffix)");
    }
    return id;
  }

  /** Returns the name of a write attempt. */
  static String attempt(String id, long generation, long attempt) {
    return id + '/' + hex(generation, 16) + '.' + hex(attempt, 16);
  }

  /** Returns the id of chunk {@code index} of a write attempt. */
  static String chunk(String attemptName, int index) {
    return attemptName + '/' + hex(index & 0xffffffffL, 8);
  }

  /** Returns the prefix shared by every attempt name of a document (and of documents whose id extends it). */
  static String attemptPrefix(String id) {
    return id + '/';
  }

  /**
   * Parses an attempt name.
   *
   * @return the attempt, or null if {@code name} is not an attempt name
   */
  static Attempt parse(String name) {
    int n = name.length();
    if (n <= ATTEMPT_SUFFIX || name.charAt(n - ATTEMPT_SUFFIX) != '/' || name.charAt(n - 17) != '.') {
      return null;
    }
    try {
      long generation = Long.parseUnsignedLong(name, n - 33, n - 17, 16);
      long attempt = Long.parseUnsignedLong(name, n - 16, n, 16);
      return new Attempt(name.substring(0, n - ATTEMPT_SUFFIX), generation, attempt, name);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A write attempt named by its record id. */
  record Attempt(String documentId, long generation, long attempt, String name) {}

  private static String hex(long value, int digits) {
    String s = Long.toHexString(value);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }
}
