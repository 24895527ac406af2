package dev.cairn.redis;

import io.lettuce.core.KeyValue;

import static dev.cairn.redis.Packing.number;
import static dev.cairn.redis.Packing.utf8;

import dev.cairn.Capabilities;
import dev.cairn.ChangeType;
import dev.cairn.ClosedException;
import dev.cairn.CompactedException;
import dev.cairn.Ids;
import dev.cairn.Names;
import dev.cairn.UnavailableException;
import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A backend on Redis or Redis Cluster. Every key of a namespace carries the hash tag
 * {@code {prefix:namespace}}, so a namespace lives in one slot and every read and commit is one
 * script run atomically by the server, in one round trip (see {@link Script} and the scripts
 * beside it for the key layout). Thread-safe: the commands of all threads share one multiplexed
 * connection; {@link #awaitRevision} blocks on connections of its own.
 */
final class RedisBackend implements Backend {
  private static final byte[] ZERO = number(0);
  private static final byte[] ONE = number(1);
  private static final byte[] MIN = utf8("-");
  private static final byte[] MAX = utf8("+");
  /** Commit tokens are kept at least this many revisions, whatever the history retention. */
  private static final long MIN_TOKENS_KEPT = 10_000;

  private final RedisConfig config;
  private final Capabilities capabilities;
  private final RedisLink link;
  /** The field of the namespace's hash that holds its revision (see {@link Packing#recordField}). */
  private static final byte[] REVISION_FIELD = {0};

  private final RedisClusterCommands<byte[], byte[]> redis;
  private final RevisionWaiter waiter;
  private final ConcurrentMap<String, byte[]> bases = new ConcurrentHashMap<>();
  private final byte[] retention;
  private final byte[] tokensKept;
  private final AtomicLong clock = new AtomicLong();
  private volatile boolean closed;

  RedisBackend(RedisConfig config) {
    this.config = config;
    this.capabilities = Capabilities.builder()
        .maxValueBytes(config.maxValueBytes)
        .maxWritesPerCommit(config.maxWritesPerCommit)
        .features(Capabilities.Feature.PERSISTENT)
        .build();
    this.retention = number(config.retention);
    this.tokensKept = number(Math.max(MIN_TOKENS_KEPT, config.retention));
    this.link = RedisLink.open(config);
    this.redis = link.shared.sync();
    this.waiter = new RevisionWaiter(link, config.timeout);
  }

  /** The key base {@code {prefix:namespace}} every key of the namespace starts with. */
  private byte[] base(String namespace) {
    if (closed) {
      throw new ClosedException("redis backend " + config + " is closed");
    }
    byte[] base = bases.get(namespace);
    if (base == null) {
      base = bases.computeIfAbsent(Names.checkNamespace(namespace), ns -> utf8("{" + config.prefix + ":" + ns + "}"));
    }
    return base;
  }

  private static byte[] key(byte[] base, String suffix) {
    byte[] tail = utf8(suffix);
    byte[] key = new byte[base.length + tail.length];
    System.arraycopy(base, 0, key, 0, base.length);
    System.arraycopy(tail, 0, key, base.length, tail.length);
    return key;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public long currentRevision(String namespace) {
    byte[] rev = call("read the revision of namespace " + namespace,
        () -> redis.hget(key(base(namespace), ":r"), REVISION_FIELD));
    return rev == null ? 0 : number(rev);
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    // One HMGET of the namespace's hash: the record with the revisions it is current at, read
    // atomically by one plain command (a script would cost the server more than the read).
    byte[] coll = utf8(collection);
    List<KeyValue<byte[], byte[]>> reply = call("read " + collection + "/" + id,
        () -> redis.hmget(key(base(namespace), ":r"), REVISION_FIELD, Packing.collectionField(coll),
            Packing.recordField(coll, utf8(id))));
    long revision = reply.get(0).hasValue() ? number(reply.get(0).getValue()) : 0;
    long collectionRevision = reply.get(1).hasValue() ? number(reply.get(1).getValue()) : 0;
    StoredRecord record = reply.get(2).hasValue() ? Packing.record(collection, id, reply.get(2).getValue()) : null;
    return new RecordRead(record, revision, collectionRevision);
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    List<Object> reply = scanReply(namespace, collection, range, limit, false);
    List<StoredRecord> records = new ArrayList<>((reply.size() - 3) / 2);
    for (int i = 3; i < reply.size(); i += 2) {
      String id = Packing.text(reply.get(i));
      records.add(Packing.record(collection, id, (byte[]) reply.get(i + 1)));
    }
    return new ScanResult(records, number(reply.get(2)) == 1, number(reply.get(0)), number(reply.get(1)));
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    List<Object> reply = scanReply(namespace, collection, range, limit, true);
    List<IndexedRecord> records = new ArrayList<>((reply.size() - 3) / 3);
    for (int i = 3; i < reply.size(); i += 3) {
      String id = Packing.text(reply.get(i));
      records.add(new IndexedRecord(Packing.record(collection, id, (byte[]) reply.get(i + 1)),
          Packing.indexKeys((byte[]) reply.get(i + 2))));
    }
    return new IndexedScan(records, number(reply.get(2)) == 1, number(reply.get(0)));
  }

  private List<Object> scanReply(String namespace, String collection, IdRange range, int limit, boolean withKeys) {
    if (limit < 1) {
      throw new dev.cairn.InvalidArgumentException("scan limit must be at least 1: " + limit);
    }
    byte[] min = range.lower() == null ? MIN : utf8((range.lowerInclusive() ? "[" : "(") + range.lower());
    byte[] max = range.upper() == null ? MAX : utf8("(" + range.upper());
    return call("scan " + collection, () -> Script.SCAN.run(redis, base(namespace), utf8(collection), min, max,
        number(limit), withKeys ? ONE : ZERO));
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    byte[] min;
    byte[] max;
    if (prefix) {
      String end = Ids.prefixEnd(key);
      min = utf8("[" + key);
      max = end == null ? MAX : utf8("(" + end);
    } else {
      min = utf8("[" + key + "\0");
      max = utf8("(" + key + "\1");
    }
    List<Object> reply = call("look up " + collection + "." + index,
        () -> Script.LOOKUP.run(redis, base(namespace), utf8(collection), utf8(index), min, max));
    List<StoredRecord> records = new ArrayList<>((reply.size() - 2) / 2);
    for (int i = 2; i < reply.size(); i += 2) {
      String id = Packing.text(reply.get(i));
      records.add(Packing.record(collection, id, (byte[]) reply.get(i + 1)));
    }
    records.sort(Comparator.comparing(StoredRecord::id, Ids.ORDER));
    return new ScanResult(records, false, number(reply.get(0)), number(reply.get(1)));
  }

  @Override
  public List<String> collections(String namespace) {
    List<byte[]> names = call("list the collections of namespace " + namespace,
        () -> redis.zrange(key(base(namespace), ":cols"), 0, -1));
    List<String> out = new ArrayList<>(names.size());
    for (byte[] name : names) {
      out.add(Packing.text(name));
    }
    return out;
  }

  /** Returns the server's clock, never less than a reading returned before (see MemoryBackend). */
  @Override
  public long clockMillis() {
    if (closed) {
      throw new ClosedException("redis backend " + config + " is closed");
    }
    List<byte[]> time = call("read the server clock", redis::time);
    long millis = number(time.get(0)) * 1000 + number(time.get(1)) / 1000;
    return clock.accumulateAndGet(millis, Math::max);
  }

  @Override
  public long commit(String namespace, CommitRequest request) {
    byte[] base = base(namespace);
    byte[][] args = CommitArgs.of(request, retention, tokensKept);
    List<Object> reply;
    try {
      reply = Script.COMMIT.run(redis, base, args);
    } catch (RedisCommandExecutionException e) {
      // The server refused the script (LOADING, OOM, READONLY...): it did not run.
      throw new UnavailableException("commit to namespace " + namespace + " of " + config + " refused: "
          + e.getMessage(), e);
    } catch (RedisException e) {
      throw new CommitOutcomeUnknownException("commit to namespace " + namespace + " of " + config
          + " may or may not have applied: " + e.getMessage(), e);
    }
    String outcome = Packing.text(reply.get(0));
    switch (outcome) {
      case "ok":
      case "dup":
        return number(reply.get(1));
      case "fail":
        throw new PreconditionFailedException(request.preconditions().get((int) number(reply.get(1)) - 1));
      default: // "dead": a retry of a commit already resolved as never applied
        throw new UnavailableException("commit " + request.token() + " to namespace " + namespace
            + " was already declared never to apply");
    }
  }

  @Override
  public OptionalLong committedRevision(String namespace, String token) {
    long rev = call("resolve commit " + token, () -> Script.RESOLVE.runForLong(redis, base(namespace), utf8(token)));
    return rev == 0 ? OptionalLong.empty() : OptionalLong.of(rev);
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    List<Object> reply = call("read the change feed of namespace " + namespace, () -> Script.CHANGES.run(redis,
        base(namespace), number(afterRevision), number(Math.max(1, maxChanges))));
    if (Packing.text(reply.get(0)).equals("compacted")) {
      throw new CompactedException("namespace " + namespace + ": history up to revision " + number(reply.get(1))
          + " was compacted; cannot read changes after " + afterRevision);
    }
    List<Change> out = new ArrayList<>((reply.size() - 1) / 8);
    for (int i = 1; i < reply.size(); i += 8) {
      String entry = Packing.text(reply.get(i));
      long revision = Long.parseLong(entry.substring(0, entry.indexOf('-')));
      String type = Packing.text(reply.get(i + 1));
      String collection = Packing.text(reply.get(i + 2));
      String id = Packing.text(reply.get(i + 3));
      long created = number(reply.get(i + 5));
      long prevMod = number(reply.get(i + 6));
      if (type.equals("d")) {
        out.add(new Change(revision, ChangeType.DELETE, collection, id, null, created, prevMod));
      } else {
        out.add(new Change(revision, type.equals("c") ? ChangeType.CREATE : ChangeType.UPDATE, collection, id,
            (byte[]) reply.get(i + 4), created, prevMod, Packing.indexKeys((byte[]) reply.get(i + 7))));
      }
    }
    return out;
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    if (currentRevision(namespace) > afterRevision) {
      return true;
    }
    // A commit between the read above and the XREAD is seen by it: it reads entries after the id.
    return waiter.await(key(base(namespace), ":feed"), afterRevision, timeout);
  }

  @Override
  public void compact(String namespace, long revision) {
    call("compact namespace " + namespace,
        () -> Script.COMPACT.runForLong(redis, base(namespace), number(Math.max(0, revision))));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      waiter.close();
      link.close();
    }
  }

  @Override
  public String toString() {
    return "RedisBackend{" + config + "}";
  }

  /** Runs a command, turning Lettuce's failures into {@link UnavailableException}. */
  private <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      if (closed) {
        throw new ClosedException("redis backend " + config + " is closed", e);
      }
      throw new UnavailableException("cannot " + what + " on " + config + ": " + e.getMessage(), e);
    }
  }
}
