package dev.cairn.cli;

import dev.cairn.CairnException;
import dev.cairn.ClosedException;
import dev.cairn.CompactedException;
import dev.cairn.SlowWatcherException;
import dev.cairn.Store;
import dev.cairn.Watch;
import dev.cairn.WatchEvent;
import dev.cairn.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn watch URI}: tails the change feed, one line per change and a commit line per
 * transaction. A transaction's lines are printed together once its commit marker arrives, so
 * a watch resumed after falling behind never prints a change twice.
 */
@Command(name = "watch", description = {
    "Tail the change feed.",
    "One line per change (revision, type, collection, id, value) and a COMMIT line per transaction. Ends"
        + " after --count transactions, after --idle without changes, or on Ctrl-C. A watcher that falls"
        + " behind resumes by itself from the last revision it printed. History older than the backend"
        + " retains is exit code 2, naming the oldest revision still retained."})
final class WatchCommand extends StoreCommand {
  /** How long a poll waits when no --idle limit applies; only bounds how often the loop wakes. */
  private static final Duration POLL = Duration.ofSeconds(1);
  /** How long Ctrl-C waits for the last lines to be printed. */
  private static final long STOP_GRACE_MILLIS = 2000;

  @Option(names = "--from", paramLabel = "REV",
      description = "Replay history from revision REV (inclusive), then follow; default: only new changes.")
  Long from;

  @Option(names = "--collection", paramLabel = "C", description = "Only changes of collection C; repeatable.")
  List<String> collections = new ArrayList<>();

  @Option(names = "--count", paramLabel = "N", description = "Stop after N transactions.")
  Integer count;

  @Option(names = "--idle", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after DURATION without changes, e.g. 500ms, 2s, 5m.")
  Duration idle;

  @Override
  int run(Store store) throws InterruptedException {
    if (from != null && from < 1) {
      throw new IllegalArgumentException("--from must be a revision of 1 or more: " + from);
    }
    if (count != null && count < 1) {
      throw new IllegalArgumentException("--count must be at least 1: " + count);
    }
    WatchFilter filter = collections.isEmpty() ? WatchFilter.all()
        : WatchFilter.collections(collections.toArray(String[]::new));
    long start = from != null ? from : store.revision() + 1;
    AtomicBoolean stopping = new AtomicBoolean();
    CtrlC ctrlC = CtrlC.install("cairn-watch-stop", () -> {
      stopping.set(true);
      store.close(); // wakes the poll with ClosedException
    }, STOP_GRACE_MILLIS);
    try {
      return tail(store, filter, start, stopping);
    } finally {
      ctrlC.close();
    }
  }

  private int tail(Store store, WatchFilter filter, long start, AtomicBoolean stopping) throws InterruptedException {
    note("watching namespace " + store.namespace() + " from revision " + start
        + (collections.isEmpty() ? "" : ", collections " + String.join(", ", collections)));
    List<String> transaction = new ArrayList<>();
    int transactions = 0;
    long idleNanos = idle == null ? 0 : idle.toNanos();
    long lastEvent = System.nanoTime();
    long next = start;
    Watch watch = null;
    try {
      while (true) {
        if (watch == null) {
          watch = store.watch(next, filter);
        }
        Duration wait = POLL;
        if (idle != null) {
          long left = idleNanos - (System.nanoTime() - lastEvent);
          if (left <= 0) {
            note("no change for " + idle.toString().substring(2).toLowerCase(Locale.ROOT) + "; stopping");
            return 0;
          }
          wait = Duration.ofNanos(Math.min(left, POLL.toNanos()));
        }
        WatchEvent event;
        try {
          event = watch.poll(wait);
        } catch (SlowWatcherException e) {
          next = watch.lastRevision() + 1;
          watch.close();
          watch = null;
          transaction.clear(); // its changes come again from the resumed watch
          note("fell behind the change feed; resuming from revision " + next);
          continue;
        }
        if (event == null) {
          continue;
        }
        lastEvent = System.nanoTime();
        if (event instanceof WatchEvent.Changed c) {
          transaction.add(json ? changeJson(c) : changeText(c));
        } else if (event instanceof WatchEvent.Committed c) {
          transaction.forEach(out()::println);
          transaction.clear();
          out().println(json ? new Json().put("revision", c.revision()).put("type", "commit").put("changes", c.changes())
              : c.revision() + " COMMIT " + c.changes() + (c.changes() == 1 ? " change" : " changes"));
          out().flush();
          if (out().checkError()) {
            return 0; // the reader went away, e.g. `cairn watch … | head`
          }
          next = c.revision() + 1;
          if (count != null && ++transactions >= count) {
            return 0;
          }
        }
      }
    } catch (ClosedException e) {
      if (stopping.get()) {
        out().flush();
        return 0;
      }
      throw e;
    } catch (CompactedException e) {
      long oldest = oldestRetained(store, next);
      note("history from revision " + next + " is no longer retained (" + e.getMessage() + "); "
          + (oldest > 0 ? "the oldest retained revision is " + oldest + ": use --from " + oldest + " or later"
              : "use a later --from")
          + ", or omit --from to watch only new changes");
      return Main.USAGE;
    } finally {
      if (watch != null) {
        watch.close();
      }
    }
  }

  /**
   * Finds the oldest revision a watch can start from, by bisection between a compacted one and
   * the next revision to commit: compaction only moves forward, so the answer is the boundary.
   *
   * @return the revision, or 0 if the store could not tell
   */
  static long oldestRetained(Store store, long compacted) {
    try {
      long lo = compacted; // a watch from lo fails
      long hi = Math.max(store.revision() + 1, compacted + 1); // a watch from hi works
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        if (watchable(store, mid)) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return hi;
    } catch (CairnException e) {
      return 0;
    }
  }

  private static boolean watchable(Store store, long revision) {
    try {
      store.watch(revision, WatchFilter.all()).close();
      return true;
    } catch (CompactedException e) {
      return false;
    }
  }

  private static String changeText(WatchEvent.Changed c) {
    return c.revision() + " " + c.type() + " " + c.collection() + " " + Rendering.idText(c.id())
        + " " + Rendering.valueText(c.rawValue());
  }

  private static String changeJson(WatchEvent.Changed c) {
    Json json = new Json().put("revision", c.revision()).put("type", c.type().name().toLowerCase(Locale.ROOT))
        .put("collection", c.collection()).put("id", c.id())
        .put("createRevision", c.createRevision()).put("prevVersion", c.prevModRevision());
    return Rendering.value(json, c.rawValue()).toString();
  }
}
