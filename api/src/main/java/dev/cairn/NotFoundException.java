package dev.cairn;

/** The record or resource does not exist; code {@link ErrorCode#NOT_FOUND}. */
public class NotFoundException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public NotFoundException(String message, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, cause);
  }
}
