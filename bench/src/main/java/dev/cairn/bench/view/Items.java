package dev.cairn.bench.view;

import dev.cairn.Codec;
import dev.cairn.Schema;
import java.util.Arrays;

/**
 * The collection the view benchmark lists: {@value #RECORDS} records with ids {@code r00000} to
 * {@code r09999} and values of exactly {@value #VALUE_BYTES} ASCII bytes, kept as UTF-8 text by
 * {@link Codec#utf8()} (no index, no name: the view lists, it does not look up).
 */
final class Items {
  /** How many records the collection holds. */
  static final int RECORDS = 10_000;
  /** The size of each value. */
  static final int VALUE_BYTES = 100;
  /** The collection, UTF-8 text values. */
  static final Schema<String> SCHEMA = Schema.of("items", Codec.utf8());
  /** Another collection of the same namespace, which the writer of the control case writes. */
  static final Schema<String> ELSEWHERE = Schema.of("elsewhere", Codec.utf8());
  /** The namespace every backend's store opens, so that the raw baselines know its keys and rows. */
  static final String NAMESPACE = "bench";

  /** The ids, {@code r00000} to {@code r09999}, in id order; do not modify. */
  static final String[] IDS = new String[RECORDS];

  static {
    for (int i = 0; i < RECORDS; i++) {
      IDS[i] = String.format("r%05d", i);
    }
  }

  private Items() {}

  /**
   * Returns the value of {@code id} at {@code generation} (0 when loaded, then the writer's
   * sequence number): {@code "<id> <generation> "} padded with dots to {@value #VALUE_BYTES}
   * bytes, so every write changes the value and keeps its size.
   */
  static String value(String id, long generation) {
    char[] text = new char[VALUE_BYTES];
    Arrays.fill(text, '.');
    String head = id + ' ' + generation + ' ';
    head.getChars(0, Math.min(head.length(), VALUE_BYTES), text, 0);
    return new String(text);
  }
}
