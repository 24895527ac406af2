package dev.cairn;

/** A watcher fell behind by more than its buffer and was closed; resume from {@link Watch#lastRevision()}; code {@link ErrorCode#SLOW_WATCHER}. */
public class SlowWatcherException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public SlowWatcherException(String message) {
    super(ErrorCode.SLOW_WATCHER, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public SlowWatcherException(String message, Throwable cause) {
    super(ErrorCode.SLOW_WATCHER, message, cause);
  }
}
