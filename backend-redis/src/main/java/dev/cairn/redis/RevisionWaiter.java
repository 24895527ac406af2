package dev.cairn.redis;

import dev.cairn.UnavailableException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocks until a namespace's change feed has an entry past a revision, with {@code XREAD BLOCK}
 * on a connection of its own (a blocked command would stall every other command on the shared
 * one). Connections are pooled; one interrupted or failed mid-block is discarded, because its
 * late reply would belong to nobody. Closing the link closes them all, which ends every block.
 * Thread-safe.
 */
final class RevisionWaiter implements AutoCloseable {
  /** The largest stream sequence: {@code after-MAX} names the last possible entry of {@code after}. */
  private static final String LAST_SEQUENCE = "-18446744073709551615";
  private static final int IDLE_KEPT = 4;

  private final RedisLink link;
  /** A block shorter than the command timeout, so Lettuce never times the XREAD out itself. */
  private final long maxBlockMillis;
  private final long timeoutMillis;
  private final ConcurrentLinkedDeque<RedisLink.Connection> idle = new ConcurrentLinkedDeque<>();
  private final Set<RedisLink.Connection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  RevisionWaiter(RedisLink link, Duration commandTimeout) {
    this.link = link;
    this.timeoutMillis = commandTimeout.toMillis();
    this.maxBlockMillis = Math.max(1, timeoutMillis / 2);
  }

  /**
   * Waits for an entry of {@code feed} past revision {@code after}, at most {@code timeout}
   * (capped at half the command timeout: callers re-check).
   *
   * @return whether such an entry exists
   * @throws UnavailableException if the server does not answer
   */
  boolean await(byte[] feed, long after, Duration timeout) throws InterruptedException {
    long block = Math.min(timeout.toMillis(), maxBlockMillis);
    if (block <= 0 || closed) {
      return false;
    }
    RedisLink.Connection c = take();
    try {
      RedisFuture<List<StreamMessage<byte[], byte[]>>> reply = c.async().xread(
          XReadArgs.Builder.block(block).count(1),
          XReadArgs.StreamOffset.from(feed, after + LAST_SEQUENCE));
      List<StreamMessage<byte[], byte[]>> got = reply.get(block + timeoutMillis, TimeUnit.MILLISECONDS);
      release(c);
      return got != null && !got.isEmpty();
    } catch (InterruptedException e) {
      discard(c);
      throw e;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      discard(c);
      if (closed) {
        return false;
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UnavailableException("waiting for the change feed failed: " + cause, cause);
    }
  }

  private RedisLink.Connection take() {
    RedisLink.Connection c = idle.pollFirst();
    if (c != null) {
      return c;
    }
    try {
      c = link.connect();
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot open a connection to wait on: " + e.getMessage(), e);
    }
    open.add(c);
    if (closed) { // close() may have missed it
      discard(c);
      throw new dev.cairn.ClosedException("redis backend is closed");
    }
    return c;
  }

  private void release(RedisLink.Connection c) {
    if (closed || idle.size() >= IDLE_KEPT) {
      discard(c);
    } else {
      idle.addFirst(c);
    }
  }

  private void discard(RedisLink.Connection c) {
    if (open.remove(c)) {
      c.close();
    }
  }

  /** Stops handing out connections; {@link RedisLink#close()}, which closes them all, ends every block. */
  @Override
  public void close() {
    closed = true;
    open.clear();
    idle.clear();
  }
}
