package dev.cairn;

/** A transaction conflicted on every attempt its retry policy allowed; code {@link ErrorCode#TRANSACTION_CONFLICT}. */
public class TransactionConflictException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public TransactionConflictException(String message) {
    super(ErrorCode.TRANSACTION_CONFLICT, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public TransactionConflictException(String message, Throwable cause) {
    super(ErrorCode.TRANSACTION_CONFLICT, message, cause);
  }
}
