package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.LosingCommitBackend.Loss;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry loop when a commit's outcome is unknown: Cairn asks the backend whether the
 * commit's token applied, never applies a transaction twice and never reports a commit that
 * did not happen. No real backend can drop a connection on cue, so these live in the api.
 */
class CommitOutcomeTest {
  private static final Schema<String> COUNTERS = Schema.of("counters", Codec.utf8());

  private final LosingCommitBackend backend = new LosingCommitBackend();
  private final AtomicInteger callbacks = new AtomicInteger();
  private Store store;

  @BeforeEach
  void open() {
    store = Cairn.open(backend, StoreOptions.defaults().withRetries(8, Duration.ZERO, Duration.ZERO));
    store.update(tx -> tx.create(COUNTERS, "c", "0"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Increments the counter, counting how often the callback runs. */
  private long increment() {
    return store.update(tx -> {
      callbacks.incrementAndGet();
      int n = Integer.parseInt(tx.get(COUNTERS, "c").orElseThrow().value());
      tx.update(COUNTERS, "c", Integer.toString(n + 1));
    });
  }

  private String counter() {
    return store.view(tx -> tx.get(COUNTERS, "c").orElseThrow().value());
  }

  private String lastCommitToken() {
    List<String> tokens = backend.commitTokens;
    return tokens.get(tokens.size() - 1);
  }

  /** Applied but unanswered: update returns the applied revision, without running again. */
  @Test
  void appliedCommitReturnsItsRevisionOnce() {
    long before = store.revision();
    backend.loseNextCommit(Loss.AFTER_APPLYING, 0);
    long revision = increment();
    assertEquals(backend.lostRevision, revision);
    assertEquals(before + 1, revision);
    assertEquals(revision, store.revision());
    assertEquals("1", counter());
    assertEquals(1, callbacks.get());
    assertEquals(List.of(lastCommitToken()), backend.outcomeQueries);
  }

  /** Not applied: the transaction runs again and applies exactly once. */
  @Test
  void unappliedCommitIsRetriedAndAppliesOnce() {
    long before = store.revision();
    int commitsBefore = backend.commitTokens.size();
    backend.loseNextCommit(Loss.BEFORE_APPLYING, 0);
    long revision = increment();
    assertEquals(before + 1, revision);
    assertEquals(revision, store.revision());
    assertEquals("1", counter());
    assertEquals(2, callbacks.get());
    List<String> tokens = backend.commitTokens.subList(commitsBefore, backend.commitTokens.size());
    assertEquals(2, tokens.size());
    assertEquals(List.of(tokens.get(0)), backend.outcomeQueries);
    assertTrue(!tokens.get(0).equals(tokens.get(1)), "each attempt commits under its own token");
  }

  /** The outcome query itself may fail a few times; Cairn asks again and then resolves. */
  @Test
  void outcomeQueryIsRetried() {
    backend.loseNextCommit(Loss.AFTER_APPLYING, 3);
    long revision = increment();
    assertEquals(backend.lostRevision, revision);
    assertEquals("1", counter());
    assertEquals(1, callbacks.get());
    assertEquals(4, backend.outcomeQueries.size());
  }

  /** When the outcome cannot be resolved: Unavailable, saying so, and no second attempt. */
  @Test
  void unresolvableOutcomeIsUnavailable() {
    backend.loseNextCommit(Loss.AFTER_APPLYING, Integer.MAX_VALUE);
    int commitsBefore = backend.commitTokens.size();
    UnavailableException e = assertThrows(UnavailableException.class, this::increment);
    String token = lastCommitToken();
    assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    assertTrue(e.getMessage().contains(token), e.getMessage());
    assertInstanceOf(UnavailableException.class, e.getCause());
    assertEquals(1, callbacks.get(), "an unresolved transaction must not run again");
    assertEquals(commitsBefore + 1, backend.commitTokens.size());
    assertTrue(backend.outcomeQueries.size() > 1, "asked more than once before giving up");
    assertTrue(backend.outcomeQueries.stream().allMatch(token::equals));
    assertEquals("1", counter(), "the lost commit did apply, exactly once");
  }
}
