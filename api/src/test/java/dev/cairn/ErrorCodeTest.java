package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every exception class carries its documented {@link ErrorCode}, with both constructors. */
class ErrorCodeTest {
  /** One exception class: how to build it with a message and cause, and the code it must carry. */
  private record Case(BiFunction<String, Throwable, CairnException> create, ErrorCode code) {}

  private static final List<Case> CASES = List.of(
      new Case(AlreadyExistsException::new, ErrorCode.ALREADY_EXISTS),
      new Case(NotFoundException::new, ErrorCode.NOT_FOUND),
      new Case(NameConflictException::new, ErrorCode.NAME_CONFLICT),
      new Case(VersionConflictException::new, ErrorCode.VERSION_CONFLICT),
      new Case(TransactionConflictException::new, ErrorCode.TRANSACTION_CONFLICT),
      new Case(CompactedException::new, ErrorCode.COMPACTED),
      new Case(UnavailableException::new, ErrorCode.UNAVAILABLE),
      new Case(InvalidArgumentException::new, ErrorCode.INVALID_ARGUMENT),
      new Case(TooLargeException::new, ErrorCode.TOO_LARGE),
      new Case(SlowWatcherException::new, ErrorCode.SLOW_WATCHER),
      new Case((m, c) -> new BatchFailedException(new BatchResult(0, 0, 0), c), ErrorCode.BATCH_FAILED),
      new Case(ClosedException::new, ErrorCode.CLOSED),
      new Case(CommitOutcomeUnknownException::new, ErrorCode.UNAVAILABLE),
      new Case(CorruptedException::new, ErrorCode.CORRUPTED),
      new Case(LeaseLostException::new, ErrorCode.LEASE_LOST),
      new Case((m, c) -> new CairnException(ErrorCode.INTERNAL, m, c), ErrorCode.INTERNAL));

  /** Each class reports its code and keeps its cause. */
  @Test
  void everyClassCarriesItsCode() {
    for (Case c : CASES) {
      Throwable cause = new IllegalStateException("root");
      CairnException e = c.create.apply("what went wrong", cause);
      assertEquals(c.code, e.code(), e.getClass().getName());
      assertSame(cause, e.getCause(), e.getClass().getName());
    }
  }

  /** The message-only constructors carry the same code and the message. */
  @Test
  void messageOnlyConstructors() {
    List<CairnException> plain = List.of(new AlreadyExistsException("m"), new NotFoundException("m"),
        new NameConflictException("m"), new VersionConflictException("m"), new TransactionConflictException("m"),
        new CompactedException("m"), new UnavailableException("m"), new InvalidArgumentException("m"),
        new TooLargeException("m"), new SlowWatcherException("m"), new ClosedException("m"),
        new CorruptedException("m"), new LeaseLostException("m"));
    for (CairnException e : plain) {
      Case expected = CASES.stream().filter(c -> c.create.apply("m", null).getClass() == e.getClass())
          .findFirst().orElseThrow();
      assertEquals(expected.code, e.code());
      assertEquals("m", e.getMessage());
    }
  }

  /** Every code has an exception class; an unknown commit outcome is a kind of Unavailable. */
  @Test
  void everyCodeIsCovered() {
    Set<ErrorCode> covered = CASES.stream().map(Case::code).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(ErrorCode.class), covered);
    assertTrue(new CommitOutcomeUnknownException("m", null) instanceof UnavailableException);
  }

  /** A failed precondition is a conflict, retried by the store, and names the precondition. */
  @Test
  void preconditionFailedIsAConflict() {
    Precondition p = new Precondition.RecordVersion("tasks", "t1", 7);
    PreconditionFailedException e = new PreconditionFailedException(p);
    assertEquals(ErrorCode.TRANSACTION_CONFLICT, e.code());
    assertSame(p, e.failed());
    assertTrue(e.getMessage().contains("t1"), e.getMessage());
  }
}
