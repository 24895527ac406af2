package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a live migration surfaces the failure of its follower thread. */
class MigrationTest {
  private static final Schema<String> NOTES = Schema.of("notes", Codec.utf8());

  private Store source;
  private Store target;

  @BeforeEach
  void open() {
    source = Cairn.open(new TestBackend(), StoreOptions.defaults());
    target = Cairn.open(new TestBackend(), StoreOptions.defaults());
    source.update(tx -> tx.create(NOTES, "n1", "one"));
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  /** An Error no caller expects from a listener. */
  static final class ListenerError extends Error {
    ListenerError() {
      super("the listener broke");
    }
  }

  /** A listener that writes to the source during the copy (so the follower has work) and throws on FOLLOW. */
  private ProgressListener failingFollow(Throwable failure) {
    AtomicBoolean wrote = new AtomicBoolean();
    return p -> {
      if (p.phase() == Progress.Phase.EXPORT && wrote.compareAndSet(false, true)) {
        source.update(tx -> tx.put(NOTES, "late", "during the copy"));
      }
      if (p.phase() == Progress.Phase.FOLLOW) {
        if (failure instanceof RuntimeException e) {
          throw e;
        }
        throw (Error) failure;
      }
    };
  }

  /**
   * Starts a migration whose follower fails with {@code failure}, and returns once it has. The
   * follower fails only after it applied the write made during the copy, so a caller waiting for
   * that revision could see it caught up first; one more source write, which the failed follower
   * never applies, leaves the failure as the only way awaitCaughtUp can end.
   */
  private Migration startAndFail(Throwable failure) throws InterruptedException {
    ProgressListener failing = failingFollow(failure);
    CountDownLatch failed = new CountDownLatch(1);
    Migration migration = Migration.start(source, target, p -> {
      if (p.phase() == Progress.Phase.FOLLOW) {
        failed.countDown();
      }
      failing.onProgress(p);
    });
    assertTrue(failed.await(10, TimeUnit.SECONDS), "the follower reported");
    source.update(tx -> tx.put(NOTES, "after", "the follower failed"));
    return migration;
  }

  /** migrate() throws the follower's failure itself, once: not a self-suppression error. */
  @Test
  void migrateThrowsTheFollowersFailureOnce() {
    CompactedException failure = new CompactedException("feed gone");
    CompactedException thrown = assertThrows(CompactedException.class,
        () -> Migration.migrate(source, target, failingFollow(failure)));
    assertSame(failure, thrown);
    assertEquals(0, thrown.getSuppressed().length, "not suppressed into itself");
  }

  /** awaitCaughtUp in try-with-resources surfaces the failure; close() does not rethrow it. */
  @Test
  void closeDoesNotRethrowAFailureAlreadyThrown() {
    IllegalStateException failure = new IllegalStateException("listener refused");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
      try (Migration migration = Migration.start(source, target, failingFollow(failure))) {
        migration.awaitCaughtUp(Duration.ofSeconds(10));
      }
    });
    assertSame(failure, thrown);
    assertEquals(0, thrown.getSuppressed().length);
  }

  /** stop() called explicitly throws the failure even after awaitCaughtUp did; close() then stays quiet. */
  @Test
  void stopThrowsTheFailureEachTimeItIsCalled() throws InterruptedException {
    IllegalStateException failure = new IllegalStateException("listener refused");
    Migration migration = startAndFail(failure);
    assertSame(failure, assertThrows(IllegalStateException.class, () -> migration.awaitCaughtUp(Duration.ofSeconds(10))));
    assertSame(failure, assertThrows(IllegalStateException.class, migration::stop));
    migration.close();
  }

  /** An Error on the follower thread is not swallowed: migrate() throws it instead of returning as caught up. */
  @Test
  void errorInTheFollowerIsThrown() {
    ListenerError error = new ListenerError();
    assertSame(error, assertThrows(ListenerError.class, () -> Migration.migrate(source, target, failingFollow(error))));
  }

  /** awaitCaughtUp after an Error on the follower throws it, rather than reporting false forever. */
  @Test
  void awaitCaughtUpThrowsAnErrorOfTheFollower() throws InterruptedException {
    ListenerError error = new ListenerError();
    Migration migration = startAndFail(error);
    assertSame(error, assertThrows(ListenerError.class, () -> migration.awaitCaughtUp(Duration.ofSeconds(10))));
    migration.close();
  }

  /** Without failure, migrate() applies the write made during the copy. */
  @Test
  void migrateAppliesWritesMadeDuringTheCopy() throws InterruptedException {
    AtomicBoolean wrote = new AtomicBoolean();
    long applied = Migration.migrate(source, target, p -> {
      if (p.phase() == Progress.Phase.EXPORT && wrote.compareAndSet(false, true)) {
        source.update(tx -> tx.put(NOTES, "late", "during the copy"));
      }
    });
    assertEquals(source.revision(), applied);
    assertTrue(target.view(tx -> tx.get(NOTES, "late")).isPresent());
  }

  /** The copy summary counts paged records and replayed changes apart, as an archive's summary does. */
  @Test
  void copySummaryCountsRecordsAndReplayedChangesApart() {
    Schema<String> other = Schema.of("other", Codec.utf8());
    source.update(tx -> tx.create(other, "o1", "one"));
    AtomicBoolean wrote = new AtomicBoolean();
    // After the first collection's page, before the second's: one change to each replays.
    ProgressListener writeAfterFirstPage = p -> {
      if (p.phase() == Progress.Phase.EXPORT && wrote.compareAndSet(false, true)) {
        source.update(tx -> {
          tx.put(NOTES, "late", "during the copy");
          tx.put(other, "late", "during the copy");
        });
      }
    };
    try (Migration migration = Migration.start(source, target, writeAfterFirstPage)) {
      ExportSummary copied = migration.copy().archive();
      assertEquals(3, copied.records(), "n1, o1 and the late record of the collection paged second: " + copied);
      assertEquals(2, copied.changes(), "the two late writes, replayed: " + copied);
      assertEquals(source.revision(), copied.revision());
    }
  }

  /** FOLLOW reports count the changes applied and only the bytes applied since the copy. */
  @Test
  void followProgressCountsChangesAndItsOwnBytes() {
    for (int i = 0; i < 100; i++) {
      int n = i;
      source.update(tx -> tx.create(NOTES, "filler" + n, "a filler value of some length, number " + n));
    }
    List<Progress> follow = new CopyOnWriteArrayList<>();
    Migration migration = Migration.start(source, target, p -> {
      if (p.phase() == Progress.Phase.FOLLOW) {
        follow.add(p);
      }
    });
    try {
      source.update(tx -> {
        tx.put(NOTES, "x1", "1");
        tx.put(NOTES, "x2", "2");
        tx.delete(NOTES, "n1");
      });
      assertTrue(migration.awaitCaughtUp(Duration.ofSeconds(10)));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      migration.stop(); // joins the follower: every report has been made
    }
    Progress last = follow.get(follow.size() - 1);
    assertEquals(3, last.records(), "two puts and a delete: " + last);
    assertTrue(last.bytes() > 0 && last.bytes() < migration.copy().archive().bytes() / 10,
        "bytes of the three writes only, not the copy's " + migration.copy().archive().bytes() + ": " + last);
  }

  /**
   * The follower reads the feed about 4 MiB at a time: once it has seen a 128 KiB value, 60
   * pending transactions of 128 KiB are not read at once.
   */
  @Test
  void followerReadsAreBoundedByBytes() throws InterruptedException {
    ReadSizeBackend backend = new ReadSizeBackend();
    Schema<byte[]> blobs = Schema.of("blobs", Codec.bytes());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Store large = Cairn.open(backend, StoreOptions.defaults());
        Migration migration = Migration.start(large, target, p -> {
          if (p.phase() == Progress.Phase.FOLLOW && holding.getCount() > 0) {
            holding.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        })) {
      byte[] value = new byte[128 << 10];
      large.update(tx -> tx.create(blobs, "first", value));
      assertTrue(holding.await(10, TimeUnit.SECONDS), "the follower applied the first write");
      for (int i = 0; i < 60; i++) {
        String id = "b" + i;
        large.update(tx -> tx.create(blobs, id, value));
      }
      release.countDown();
      assertTrue(migration.awaitCaughtUp(Duration.ofSeconds(10)));
      migration.stop();
      assertEquals(61, target.view(tx -> tx.listAll(blobs)).size());
      assertTrue(backend.largestChangeRead.get() <= PageSizer.TARGET_BYTES,
          "a read of " + backend.largestChangeRead.get() + " value bytes");
    } finally {
      release.countDown();
    }
  }
}
