package dev.cairn;

/** A record with the id already exists; code {@link ErrorCode#ALREADY_EXISTS}. */
public class AlreadyExistsException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public AlreadyExistsException(String message) {
    super(ErrorCode.ALREADY_EXISTS, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public AlreadyExistsException(String message, Throwable cause) {
    super(ErrorCode.ALREADY_EXISTS, message, cause);
  }
}
