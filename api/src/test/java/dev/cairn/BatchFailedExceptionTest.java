package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link BatchFailedException}: what committed, and a message that says so. */
class BatchFailedExceptionTest {
  /** committed() returns what was passed; the message gives the counts and the cause. */
  @Test
  void reportsWhatCommitted() {
    BatchResult committed = new BatchResult(2, 400, 17);
    NotFoundException cause = new NotFoundException("tasks/t9 does not exist");
    BatchFailedException e = new BatchFailedException(committed, cause);
    assertSame(committed, e.committed());
    assertSame(cause, e.getCause());
    assertEquals(ErrorCode.BATCH_FAILED, e.code());
    String message = e.getMessage();
    assertTrue(message.contains("2 committed transactions"), message);
    assertTrue(message.contains("400 changes"), message);
    assertTrue(message.contains("tasks/t9 does not exist"), message);
  }

  /** A batch that failed before committing anything says 0. */
  @Test
  void nothingCommitted() {
    BatchFailedException e = new BatchFailedException(new BatchResult(0, 0, 0), new TooLargeException("big"));
    assertEquals(0, e.committed().transactions());
    assertTrue(e.getMessage().contains("after 0 committed"), e.getMessage());
  }
}
