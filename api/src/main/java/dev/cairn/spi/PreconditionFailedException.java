package dev.cairn.spi;

import dev.cairn.CairnException;
import dev.cairn.ErrorCode;

/**
 * Thrown by {@link Backend#commit} when a precondition does not hold; nothing was written.
 * Cairn turns it into a retry or into the user-facing error the precondition stands for.
 */
public final class PreconditionFailedException extends CairnException {
  private static final long serialVersionUID = 1L;

  private final transient Precondition failed;

  /** Creates the exception for the first precondition found not to hold. */
  public PreconditionFailedException(Precondition failed) {
    super(ErrorCode.TRANSACTION_CONFLICT, "precondition failed: " + failed);
    this.failed = failed;
  }

  /** Returns the precondition that did not hold. */
  public Precondition failed() {
    return failed;
  }
}
