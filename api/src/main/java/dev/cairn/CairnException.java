package dev.cairn;

import java.util.Objects;

/**
 * The root of every error Cairn raises. Unchecked; each subclass carries one stable
 * {@link ErrorCode}, so callers may catch a subclass or switch on {@link #code()}.
 */
public class CairnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * Creates an exception.
   *
   * @param code the stable code, never null
   * @param message a message naming what was wrong; never holds a credential
   * @param cause the underlying failure, or null
   */
  public CairnException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Creates an exception without a cause. */
  public CairnException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** Returns the stable code of this error, never null. */
  public ErrorCode code() {
    return code;
  }
}
