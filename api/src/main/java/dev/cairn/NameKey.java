package dev.cairn;

import java.util.Locale;

/** The case-folded form under which names are indexed, as swarmkit does. */
final class NameKey {
  static String of(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private NameKey() {}
}
