package dev.cairn.spi;

import java.util.List;
import java.util.Objects;

/**
 * An atomic commit: every precondition holds and every write applies, under one new
 * revision, or nothing happens.
 *
 * @param preconditions what must still hold, in order; the backend reports the first that fails
 * @param writes the writes, at most one per record, never empty
 * @param token a unique id of this commit, kept by the backend long enough for
 *     {@link Backend#committedRevision} to resolve an unknown outcome
 */
public record CommitRequest(List<Precondition> preconditions, List<Write> writes, String token) {
  /** Copies the lists. */
  public CommitRequest {
    preconditions = List.copyOf(preconditions);
    writes = List.copyOf(writes);
    Objects.requireNonNull(token, "token");
  }
}
