package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A decorator over {@link TestBackend} that loses the answer of one commit, as a dropped
 * connection would, and can make {@link #committedRevision} fail a number of times first.
 */
final class LosingCommitBackend implements Backend {
  /** What happens to the next commit. */
  enum Loss {
    /** The commit runs normally. */
    NONE,
    /** The commit applies, then its answer is lost. */
    AFTER_APPLYING,
    /** The connection drops before the commit reaches the backend: it never applies. */
    BEFORE_APPLYING
  }

  private final TestBackend inner = new TestBackend();
  private Loss nextLoss = Loss.NONE;
  private int outcomeFailuresLeft;
  /** Every commit call: its token, in order. */
  final List<String> commitTokens = new ArrayList<>();
  /** Every committedRevision call: the token asked about, in order. */
  final List<String> outcomeQueries = new ArrayList<>();
  /** The revision under which the lost commit applied, or 0. */
  long lostRevision;

  /** Loses the answer of the next commit; then {@code committedRevision} fails {@code outcomeFailures} times. */
  synchronized void loseNextCommit(Loss loss, int outcomeFailures) {
    this.nextLoss = loss;
    this.outcomeFailuresLeft = outcomeFailures;
  }

  @Override
  public synchronized long commit(String namespace, CommitRequest request) {
    commitTokens.add(request.token());
    Loss loss = nextLoss;
    nextLoss = Loss.NONE;
    if (loss == Loss.BEFORE_APPLYING) {
      throw new CommitOutcomeUnknownException("connection reset before the commit was sent", null);
    }
    long revision = inner.commit(namespace, request);
    if (loss == Loss.AFTER_APPLYING) {
      lostRevision = revision;
      throw new CommitOutcomeUnknownException("connection reset while awaiting the commit's answer", null);
    }
    return revision;
  }

  @Override
  public synchronized OptionalLong committedRevision(String namespace, String token) {
    outcomeQueries.add(token);
    if (outcomeFailuresLeft > 0) {
      outcomeFailuresLeft--;
      throw new UnavailableException("connection still down");
    }
    return inner.committedRevision(namespace, token);
  }

  @Override
  public Capabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public long currentRevision(String namespace) {
    return inner.currentRevision(namespace);
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    return inner.get(namespace, collection, id);
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    return inner.scan(namespace, collection, range, limit);
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    return inner.scanWithIndexKeys(namespace, collection, range, limit);
  }

  @Override
  public List<String> collections(String namespace) {
    return inner.collections(namespace);
  }

  @Override
  public long clockMillis() {
    return inner.clockMillis();
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    return inner.lookup(namespace, collection, index, key, prefix);
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    return inner.changes(namespace, afterRevision, maxChanges);
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    return inner.awaitRevision(namespace, afterRevision, timeout);
  }

  @Override
  public void compact(String namespace, long revision) {
    inner.compact(namespace, revision);
  }

  @Override
  public void close() {
    inner.close();
  }
}
