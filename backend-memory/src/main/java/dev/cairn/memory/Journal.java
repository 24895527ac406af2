package dev.cairn.memory;

import dev.cairn.spi.Write;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Makes a memory backend durable: every commit is appended before it applies, and on open the
 * directory's snapshot and log are replayed into the namespaces.
 */
interface Journal extends AutoCloseable {

  /** Opens (creating if needed) the journal in {@code directory} and replays it into the spaces. */
  static Journal open(Path directory, Function<String, Space> spaces) {
    return FileJournal.open(directory, spaces);
  }

  /**
   * Appends one commit durably (flushed to the OS) before it is applied.
   *
   * @throws dev.cairn.UnavailableException if it cannot be written; the commit then fails
   */
  void append(String namespace, long revision, String token, List<Write> writes);

  @Override
  void close();
}
