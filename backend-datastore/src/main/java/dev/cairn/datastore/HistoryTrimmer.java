package dev.cairn.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trims a namespace's change history, bottom up, in transactions of its own that never touch
 * the root entity, so trimming never contends with commits. Trimming revision r deletes its
 * change entities and marks its commit entity trimmed in one transaction: the feed reader,
 * which reads commit entities with their changes, knows r was compacted. Commit entities, which
 * hold the tokens, are deleted later, with their token entities, once they are
 * {@code tokensKept} revisions old. How far each has gone is kept in the namespace's
 * {@link Layout#TRIM} entity. Thread-safe.
 */
final class HistoryTrimmer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HistoryTrimmer.class.getName());
  /** Mutations per trimming transaction: Datastore allows 500. */
  private static final int MAX_MUTATIONS = 400;
  /** Revisions looked at per trimming transaction. */
  private static final int MAX_REVISIONS = 100;
  /** Trimming runs once this many revisions are due, not after every commit. */
  private static final int STEP = 32;
  private static final int MAX_ATTEMPTS = 5;

  private final Datastore datastore;
  private final Layout layout;
  private final long retention;
  private final long tokensKept;
  private final Map<String, Long> trimmedUpTo = new ConcurrentHashMap<>();
  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  HistoryTrimmer(Datastore datastore, Layout layout, long retention, long tokensKept) {
    this.datastore = datastore;
    this.layout = layout;
    this.retention = retention;
    this.tokensKept = tokensKept;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cairn-datastore-trimmer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Called after a commit of {@code revision}: trims in the background once enough is due. */
  void committed(String namespace, long revision) {
    long due = revision - retention;
    Long done = trimmedUpTo.get(namespace);
    if (due <= 0 || (done != null && due - done < STEP) || running.putIfAbsent(namespace, Boolean.TRUE) != null) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          trim(namespace, due, revision - tokensKept);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "trimming the history of namespace " + namespace + " failed; the next commit retries", e);
        } finally {
          running.remove(namespace);
        }
      });
    } catch (RejectedExecutionException e) {
      running.remove(namespace); // closed
    }
  }

  /**
   * Trims history through {@code historyTarget} and drops commit entities and tokens through
   * {@code tokensTarget} (capped at the history trimmed), synchronously.
   */
  void trim(String namespace, long historyTarget, long tokensTarget) {
    Key root = layout.root(namespace);
    Key trimKey = layout.trim(root);
    while (true) {
      Step step = attempt(root, trimKey, historyTarget, tokensTarget);
      trimmedUpTo.merge(namespace, step.upTo, Math::max);
      if (step.done) {
        return;
      }
    }
  }

  private record Step(long upTo, boolean done) {}

  private Step attempt(Key root, Key trimKey, long historyTarget, long tokensTarget) {
    for (int attempt = 1; ; attempt++) {
      Transaction tx = datastore.newTransaction();
      try {
        return trimSome(tx, root, trimKey, historyTarget, tokensTarget);
      } catch (RuntimeException e) {
        if (!Failures.isContention(e) || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      } finally {
        DatastoreBackend.rollbackQuietly(tx);
      }
    }
  }

  private Step trimSome(Transaction tx, Key root, Key trimKey, long historyTarget, long tokensTarget) {
    Entity trim = tx.get(trimKey);
    long upTo = Entities.number(trim, Layout.UP_TO);
    long tokensUpTo = Entities.number(trim, Layout.TOKENS_UP_TO);
    long tokensTo = Math.min(tokensTarget, Math.max(upTo, historyTarget));
    if (upTo >= historyTarget && tokensUpTo >= tokensTo) {
      return new Step(upTo, true);
    }
    List<Key> keys = new ArrayList<>();
    long historyEnd = Math.min(historyTarget, upTo + MAX_REVISIONS);
    for (long r = upTo + 1; r <= historyEnd; r++) {
      keys.add(layout.commit(root, r));
    }
    long tokensEnd = Math.min(tokensTo, tokensUpTo + MAX_REVISIONS);
    for (long r = tokensUpTo + 1; r <= tokensEnd; r++) {
      keys.add(layout.commit(root, r));
    }
    List<Entity> commits = tx.fetch(keys.toArray(new Key[0]));
    List<Entity> puts = new ArrayList<>();
    List<Key> deletes = new ArrayList<>();
    long newUpTo = upTo;
    int i = 0;
    for (long r = upTo + 1; r <= historyEnd; r++, i++) {
      Entity commit = commits.get(i);
      int changes = (int) Entities.number(commit, Layout.CHANGES);
      if (puts.size() + deletes.size() + changes + 2 > MAX_MUTATIONS && newUpTo > upTo) {
        break;
      }
      if (commit != null && !Entities.flag(commit, Layout.TRIMMED)) {
        for (int n = 1; n <= changes; n++) {
          deletes.add(layout.change(commit.getKey(), n));
        }
        puts.add(Entities.trimmedCommit(commit));
      }
      newUpTo = r;
    }
    i = (int) (historyEnd - upTo);
    long newTokensUpTo = tokensUpTo;
    for (long r = tokensUpTo + 1; r <= tokensEnd && r <= newUpTo; r++, i++) {
      if (puts.size() + deletes.size() + 2 > MAX_MUTATIONS) {
        break;
      }
      Entity commit = commits.get(i);
      if (commit != null) {
        deletes.add(commit.getKey());
        deletes.add(layout.token(root, commit.getString(Layout.TOKEN_NAME)));
        puts.removeIf(e -> e.getKey().equals(commit.getKey()));
      }
      newTokensUpTo = r;
    }
    puts.add(Entity.newBuilder(trimKey)
        .set(Layout.UP_TO, newUpTo)
        .set(Layout.TOKENS_UP_TO, newTokensUpTo)
        .build());
    if (!deletes.isEmpty()) {
      tx.delete(deletes.toArray(new Key[0]));
    }
    tx.put(puts.toArray(new Entity[0]));
    tx.commit();
    boolean done = newUpTo >= historyTarget && newTokensUpTo >= tokensTo;
    return new Step(newUpTo, done);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
