package dev.cairn;

/**
 * A batch failed part-way: the transactions before the failing one committed, the failing one
 * did not, and nothing after it ran. {@link #getCause()} is the failure.
 */
public class BatchFailedException extends CairnException {
  private static final long serialVersionUID = 1L;

  private final transient BatchResult committed;

  /** Creates the exception with what committed before the failure. */
  public BatchFailedException(BatchResult committed, Throwable cause) {
    super(ErrorCode.BATCH_FAILED, "batch failed after " + committed.transactions()
        + " committed transactions (" + committed.changes() + " changes): " + cause, cause);
    this.committed = committed;
  }

  /** Returns what the batch committed before it failed. */
  public BatchResult committed() {
    return committed;
  }
}
