package dev.cairn;

/** The change history asked for is no longer retained; re-read with {@code viewAndWatch}; code {@link ErrorCode#COMPACTED}. */
public class CompactedException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public CompactedException(String message) {
    super(ErrorCode.COMPACTED, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public CompactedException(String message, Throwable cause) {
    super(ErrorCode.COMPACTED, message, cause);
  }
}
