package dev.cairn;

/**
 * Stored or supplied data is damaged or of an unknown format (a bad checksum, truncated or empty
 * input, bad magic, an unknown version); code {@link ErrorCode#CORRUPTED}. The message names the
 * source, the byte offset where known, and what was wrong. Nothing was written because of it.
 */
public class CorruptedException extends CairnException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public CorruptedException(String message) {
    super(ErrorCode.CORRUPTED, message);
  }

  /** Creates the exception with a message and its underlying cause (may be null). */
  public CorruptedException(String message, Throwable cause) {
    super(ErrorCode.CORRUPTED, message, cause);
  }
}
