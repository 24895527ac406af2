package dev.cairn.memory;

import dev.cairn.spi.Write;
import java.util.Collection;
import java.util.List;

/**
 * Makes a memory backend durable: every commit is appended before it applies, and on open the
 * directory's snapshot and log are replayed into the namespaces.
 */
interface Journal extends AutoCloseable {

  /** The namespaces of the backend a journal serves. */
  interface Spaces {
    /** Returns the namespace, creating it empty if needed. */
    Space get(String namespace);

    /** Returns every namespace created so far (a live, weakly consistent view). */
    Collection<Space> all();
  }

  /**
   * Opens (creating if needed) the journal in the config's directory and replays it into the
   * spaces, which must all be empty.
   *
   * @throws dev.cairn.UnavailableException if the directory is in use or cannot be read
   * @throws dev.cairn.CairnException with {@link dev.cairn.ErrorCode#INTERNAL} if a file is damaged
   */
  static Journal open(MemoryConfig config, Spaces spaces) {
    return FileJournal.open(config, spaces);
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
