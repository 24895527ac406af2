package dev.cairn.spi;

import dev.cairn.UnavailableException;

/**
 * Thrown by {@link Backend#commit} when the connection failed after the commit was sent, so
 * the backend cannot tell whether it applied. Cairn then asks
 * {@link Backend#committedRevision} with the commit's token.
 */
public final class CommitOutcomeUnknownException extends UnavailableException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the failure that hid the outcome. */
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
