package dev.cairn.datastore;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.DatastoreReader;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityQuery;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.KeyQuery;
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.Filter;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import com.google.cloud.http.HttpTransportOptions;
import com.google.datastore.v1.TransactionOptions;
import dev.cairn.Capabilities;
import dev.cairn.ClosedException;
import dev.cairn.Ids;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Names;
import dev.cairn.UnavailableException;
import dev.cairn.spi.Backend;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedRecord;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A backend on Google Cloud Datastore (Firestore in Datastore mode), or one of its emulators,
 * through the official client. A namespace is a Datastore namespace whose entities all hang
 * under one root key ({@link Layout}); reads are lookups by key and ancestor queries, both
 * strongly consistent, and a commit is one Datastore transaction ({@link CommitTransaction}).
 * Thread-safe: one client serves every thread; commits of a namespace made through this backend
 * take turns locally, since they would contend on its root entity anyway.
 */
final class DatastoreBackend implements Backend {
  /** Commit tokens are kept at least this many revisions, whatever the history retention. */
  static final long MIN_TOKENS_KEPT = 10_000;
  private static final TransactionOptions READ_ONLY = TransactionOptions.newBuilder()
      .setReadOnly(TransactionOptions.ReadOnly.getDefaultInstance())
      .build();
  private static final String KEY = "__key__";
  /** A transaction that lost a race for the root runs again after a pause of up to this, doubling. */
  private static final long MAX_PAUSE_MILLIS = 200;

  private final DatastoreConfig config;
  private final Capabilities capabilities;
  private final Datastore datastore;
  private final Layout layout;
  private final RevisionPoller poller;
  private final HistoryTrimmer trimmer;
  /** Ends read-only transactions off the reader's path: they hold no lock, so nobody waits for it. */
  private final ExecutorService rollbacks = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "cairn-datastore-rollback");
    t.setDaemon(true);
    return t;
  });
  private final ServerClock clock;
  private final Map<String, ReentrantLock> commitTurns = new ConcurrentHashMap<>();
  /** Per namespace, used under its commit turn. */
  private final Map<String, LocalCommits> localCommits = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Whether point reads are plain lookups, once {@link DatastoreConfig.Lookups#BY_SERVER} has decided. */
  private volatile Boolean singleLookups;

  DatastoreBackend(DatastoreConfig config) {
    this.config = config;
    this.capabilities = Capabilities.builder()
        .maxValueBytes(DatastoreConfig.MAX_VALUE_BYTES)
        .maxWritesPerCommit(config.maxWritesPerCommit)
        .maxCommitBytes(config.maxCommitBytes())
        .features(Capabilities.Feature.PERSISTENT)
        .build();
    this.datastore = client(config);
    this.layout = new Layout(config.project, config.database, config.prefix);
    this.poller = new RevisionPoller(this::readRevision, config.pollInterval);
    this.trimmer = new HistoryTrimmer(datastore, layout, config.retention,
        Math.max(MIN_TOKENS_KEPT, config.retention));
    this.clock = new ServerClock(datastore, config.project, config.database);
  }

  private static Datastore client(DatastoreConfig config) {
    HttpTransportOptions http = DatastoreOptions.getDefaultHttpTransportOptions().toBuilder()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout.toMillis()))
        .setReadTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout.toMillis()))
        .build();
    DatastoreOptions.Builder b = DatastoreOptions.newBuilder()
        .setProjectId(config.project)
        .setTransportOptions(http)
        // Cairn retries what is safe to retry itself: a commit sent again could apply twice.
        .setRetrySettings(ServiceOptions.getNoRetrySettings());
    if (config.database != null) {
      b.setDatabaseId(config.database);
    }
    if (config.emulatorHost != null) {
      b.setHost("http://" + config.emulatorHost).setCredentials(NoCredentials.getInstance());
    }
    try {
      return b.build().getService();
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot set up a Datastore client for " + config + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  private Key root(String namespace) {
    if (closed) {
      throw new ClosedException("datastore backend " + config + " is closed");
    }
    return layout.root(Names.checkNamespace(namespace));
  }

  @Override
  public long currentRevision(String namespace) {
    long revision = readRevision(namespace);
    poller.advanced(namespace, revision);
    return revision;
  }

  private long readRevision(String namespace) {
    Key root = root(namespace);
    return request("read the revision of namespace " + namespace,
        () -> Entities.number(datastore.get(root), Layout.REVISION));
  }

  @Override
  public RecordRead get(String namespace, String collection, String id) {
    Key root = root(namespace);
    Key coll = layout.collection(root, collection);
    Key record = layout.record(coll, id);
    List<Entity> found;
    if (singleLookups()) {
      // One lookup: the service reads all its keys at one read time (the answer carries a single
      // read_time), so the record and the two revisions are of one snapshot.
      found = request("read " + collection + "/" + id, () -> datastore.fetch(List.of(root, coll, record)));
      if (!ofOneSnapshot(found)) {
        found = inReadOnly("read " + collection + "/" + id + " again", tx -> tx.fetch(root, coll, record));
      }
    } else {
      // The Firestore emulator reads a lookup's keys one by one, so a commit can land between
      // them (the TCK's views caught it): read them in a read-only transaction, one snapshot.
      found = inReadOnly("read " + collection + "/" + id, tx -> tx.fetch(root, coll, record));
    }
    Entity e = found.get(2);
    return new RecordRead(e == null ? null : Entities.storedRecord(collection, e),
        Entities.number(found.get(0), Layout.REVISION), Entities.number(found.get(1), Layout.REVISION));
  }

  /**
   * Whether a point read's root, collection and record (any may be absent) can be of one snapshot:
   * every commit writes the root, and every write of a record its collection, at the commit's
   * revision, so a snapshot has root revision >= collection revision >= record mod revision. A
   * lookup whose keys were read at different times may break that in the one direction that
   * misleads a view: a record newer than the revision it is answered at.
   */
  static boolean ofOneSnapshot(List<Entity> rootCollectionRecord) {
    long root = Entities.number(rootCollectionRecord.get(0), Layout.REVISION);
    long collection = Entities.number(rootCollectionRecord.get(1), Layout.REVISION);
    Entity record = rootCollectionRecord.get(2);
    long modified = record == null ? 0 : Entities.number(record, Layout.MODIFIED);
    return root >= collection && collection >= modified;
  }

  /** Whether a point read is one plain lookup; decided once by the server's answers if the URI leaves it open. */
  private boolean singleLookups() {
    switch (config.lookups) {
      case SINGLE:
        return true;
      case TRANSACTIONAL:
        return false;
      default:
        Boolean single = singleLookups;
        if (single == null) {
          single = request("read the server clock", () -> !clock.servesTime());
          singleLookups = single;
        }
        return single;
    }
  }

  @Override
  public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    Snapshot<List<Entity>> s = scanEntities(namespace, collection, range, limit);
    List<StoredRecord> records = new ArrayList<>(s.value.size());
    for (Entity e : s.value) {
      records.add(Entities.storedRecord(collection, e));
    }
    boolean more = records.size() > limit;
    return new ScanResult(more ? records.subList(0, limit) : records, more, s.revision, s.collectionRevision);
  }

  @Override
  public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    Snapshot<List<Entity>> s = scanEntities(namespace, collection, range, limit);
    List<IndexedRecord> records = new ArrayList<>(s.value.size());
    for (Entity e : s.value) {
      if (records.size() == limit) {
        break;
      }
      records.add(new IndexedRecord(Entities.storedRecord(collection, e), Entities.indexKeys(e)));
    }
    return new IndexedScan(records, s.value.size() > limit, s.revision);
  }

  private Snapshot<List<Entity>> scanEntities(String namespace, String collection, IdRange range, int limit) {
    if (limit < 1) {
      throw new InvalidArgumentException("scan limit must be at least 1: " + limit);
    }
    Key root = root(namespace);
    Key coll = layout.collection(root, collection);
    List<Filter> filters = new ArrayList<>();
    filters.add(PropertyFilter.hasAncestor(coll));
    if (range.lower() != null) {
      Key lower = layout.record(coll, range.lower());
      filters.add(range.lowerInclusive() ? PropertyFilter.ge(KEY, lower) : PropertyFilter.gt(KEY, lower));
    }
    if (range.upper() != null) {
      filters.add(PropertyFilter.lt(KEY, layout.record(coll, range.upper())));
    }
    EntityQuery query = Query.newEntityQueryBuilder()
        .setNamespace(namespace)
        .setKind(Layout.RECORD)
        .setFilter(and(filters))
        .build();
    return withRevisions("scan " + collection, root, coll, tx -> list(new QueryPages<>(tx, query, limit + 1L)));
  }

  @Override
  public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    Key root = root(namespace);
    Key coll = layout.collection(root, collection);
    if (!prefix && index.equals(IndexKeys.NAME_INDEX)) {
      return lookupName(root, coll, collection, key);
    }
    Filter match;
    if (prefix) {
      String start = Layout.indexEntry(index, key);
      match = CompositeFilter.and(PropertyFilter.ge(Layout.INDEX_ENTRIES, start),
          PropertyFilter.lt(Layout.INDEX_ENTRIES, Ids.prefixEnd(start)));
    } else {
      match = PropertyFilter.eq(Layout.INDEX_ENTRIES, Layout.indexEntry(index, key));
    }
    EntityQuery query = Query.newEntityQueryBuilder()
        .setNamespace(namespace)
        .setKind(Layout.RECORD)
        .setFilter(CompositeFilter.and(PropertyFilter.hasAncestor(coll), match))
        .build();
    Snapshot<List<Entity>> s = withRevisions("look up " + collection + "." + index, root, coll,
        tx -> list(new QueryPages<>(tx, query, Long.MAX_VALUE)));
    // a record holding several keys under a prefix comes once per key: keep one, in id order
    Map<String, StoredRecord> byId = new LinkedHashMap<>();
    for (Entity e : s.value) {
      StoredRecord r = Entities.storedRecord(collection, e);
      byId.putIfAbsent(r.id(), r);
    }
    List<StoredRecord> records = new ArrayList<>(byId.values());
    records.sort((a, b) -> Ids.compare(a.id(), b.id()));
    return new ScanResult(records, false, s.revision, s.collectionRevision);
  }

  /**
   * Finds a name's holder by key: its name entity, then its record, in one snapshot. Where a
   * lookup reads one snapshot, a free name costs one lookup, and a held one two, the second
   * reading the root again to show that no commit came between (else a transaction settles it).
   */
  private ScanResult lookupName(Key root, Key coll, String collection, String nameKey) {
    Key name = layout.name(coll, nameKey);
    String what = "look up name '" + nameKey + "' in " + collection;
    if (singleLookups()) {
      List<Entity> found = request(what, () -> datastore.fetch(List.of(root, coll, name)));
      long revision = Entities.number(found.get(0), Layout.REVISION);
      long collectionRevision = Entities.number(found.get(1), Layout.REVISION);
      String holder = Entities.holder(found.get(2));
      if (holder == null) {
        return new ScanResult(List.of(), false, revision, collectionRevision);
      }
      List<Entity> record = request(what, () -> datastore.fetch(List.of(root, layout.record(coll, holder))));
      if (Entities.number(record.get(0), Layout.REVISION) == revision && record.get(1) != null) {
        return new ScanResult(List.of(Entities.storedRecord(collection, record.get(1))), false, revision,
            collectionRevision);
      }
    }
    return inReadOnly(what, tx -> {
      List<Entity> found = tx.fetch(root, coll, name);
      String holder = Entities.holder(found.get(2));
      Entity record = holder == null ? null : tx.get(layout.record(coll, holder));
      return new ScanResult(record == null ? List.of() : List.of(Entities.storedRecord(collection, record)), false,
          Entities.number(found.get(0), Layout.REVISION), Entities.number(found.get(1), Layout.REVISION));
    });
  }

  @Override
  public List<String> collections(String namespace) {
    Key root = root(namespace);
    KeyQuery query = Query.newKeyQueryBuilder()
        .setNamespace(namespace)
        .setKind(Layout.COLLECTION)
        .setFilter(PropertyFilter.hasAncestor(root))
        .build();
    List<Key> keys = consistentRead("list the collections of namespace " + namespace,
        reader -> list(new QueryPages<>(reader, query, Long.MAX_VALUE)));
    List<String> names = new ArrayList<>(keys.size());
    for (Key k : keys) {
      names.add(k.getName());
    }
    names.sort(Ids.ORDER);
    return names;
  }

  @Override
  public long clockMillis() {
    if (closed) {
      throw new ClosedException("datastore backend " + config + " is closed");
    }
    return request("read the server clock", clock::millis);
  }

  @Override
  public long commit(String namespace, CommitRequest request) {
    root(namespace);
    CommitTransaction.checkSize(namespace, request, config.maxRequestBytes);
    ReentrantLock turn = commitTurns.computeIfAbsent(namespace, ns -> new ReentrantLock(true));
    turn.lock();
    try {
      LocalCommits local = localCommits.computeIfAbsent(namespace, ns -> new LocalCommits());
      Precondition known = local.knownToFail(request.preconditions());
      if (known != null) {
        throw new PreconditionFailedException(known);
      }
      long deadline = System.nanoTime() + config.timeout.toNanos();
      for (int attempt = 1; ; attempt++) {
        CommitTransaction tx = new CommitTransaction(datastore, layout, namespace, request);
        CommitTransaction.Outcome outcome;
        try {
          outcome = tx.run(this::rollbackLater);
        } catch (RuntimeException e) {
          if (Failures.isContention(e) && System.nanoTime() < deadline && !closed) {
            pause(attempt);
            continue;
          }
          if (tx.commitSent() && !Failures.isRefusal(e) && !closed) {
            throw new CommitOutcomeUnknownException("commit " + request.token() + " to namespace " + namespace
                + " of " + config + " may or may not have applied: " + Failures.describe(e), e);
          }
          throw Failures.map("commit to namespace " + namespace, e, closed, config);
        }
        if (outcome.failed() != null) {
          throw new PreconditionFailedException(outcome.failed());
        }
        if (outcome.tokenDead()) {
          throw new UnavailableException("commit " + request.token() + " to namespace " + namespace
              + " was already declared never to apply");
        }
        local.committed(outcome.revision(), request.writes());
        poller.advanced(namespace, outcome.revision());
        trimmer.committed(namespace, outcome.revision());
        return outcome.revision();
      }
    } finally {
      turn.unlock();
    }
  }

  private static void pause(int attempt) {
    long most = Math.min(MAX_PAUSE_MILLIS, 5L << Math.min(attempt, 10));
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, most + 1)); // backoff with jitter
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while retrying a contended commit", e);
    }
  }

  @Override
  public OptionalLong committedRevision(String namespace, String token) {
    Key root = root(namespace);
    Key tokenKey = layout.token(root, token);
    // Read the token and, if it is absent, mark it dead in the same transaction: a commit still in
    // flight read the token as absent, so it can no longer commit (it aborts, or waits for the lock).
    return inTransaction("resolve commit " + token, tx -> {
      Entity found = tx.get(tokenKey);
      if (found != null) {
        long revision = Entities.number(found, Layout.REVISION);
        return revision == 0 ? OptionalLong.empty() : OptionalLong.of(revision);
      }
      tx.put(Entities.withNumber(tokenKey, Layout.REVISION, 0));
      tx.commit();
      return OptionalLong.empty();
    });
  }

  @Override
  public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    Key root = root(namespace);
    // By key, with no query and outside any transaction: see FeedReader.
    return request("read the change feed of namespace " + namespace, () -> FeedReader.read(namespace, afterRevision,
        Math.max(1, maxChanges), layout, root, keys -> fetch(datastore, keys)));
  }

  /** Looks keys up outside a transaction, at most 1,000 per request; in the order of the keys, null for absent. */
  static List<Entity> fetch(DatastoreReader reader, List<Key> keys) {
    List<Entity> found = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += CommitTransaction.MAX_LOOKUP_KEYS) {
      found.addAll(reader.fetch(keys.subList(from, Math.min(keys.size(), from + CommitTransaction.MAX_LOOKUP_KEYS))
          .toArray(new Key[0])));
    }
    return found;
  }

  @Override
  public boolean awaitRevision(String namespace, long afterRevision, Duration timeout) throws InterruptedException {
    root(namespace);
    return poller.await(namespace, afterRevision, timeout);
  }

  @Override
  public void compact(String namespace, long revision) {
    long target = Math.min(Math.max(0, revision), currentRevision(namespace));
    request("compact namespace " + namespace, () -> {
      trimmer.trim(namespace, target, target - Math.max(MIN_TOKENS_KEPT, config.retention));
      return null;
    });
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      poller.close();
      trimmer.close();
      rollbacks.shutdown();
      // The HTTP transport holds no channel: its client has nothing to close (and says so in a warning).
    }
  }

  @Override
  public String toString() {
    return "DatastoreBackend{" + config + "}";
  }

  /** A read's value with the namespace and collection revisions of its snapshot. */
  private record Snapshot<T>(T value, long revision, long collectionRevision) {}

  /**
   * Runs {@code read} in a read-only transaction, with the revisions at its snapshot; again when
   * the legacy emulator aborts it for a commit to the entity group, as a read-only transaction
   * there is an optimistic one.
   */
  private <T> Snapshot<T> withRevisions(String what, Key root, Key collection, Function<Transaction, T> read) {
    return inReadOnly(what, tx -> {
      List<Entity> heads = tx.fetch(root, collection);
      T value = read.apply(tx);
      return new Snapshot<>(value, Entities.number(heads.get(0), Layout.REVISION),
          Entities.number(heads.get(1), Layout.REVISION));
    });
  }

  /**
   * Runs a query that needs no revisions beside it: on the client itself, or in a read-only
   * transaction when {@link DatastoreConfig#transactionalQueries} asks for one.
   */
  private <T> T consistentRead(String what, Function<DatastoreReader, T> read) {
    if (!config.transactionalQueries) {
      return request(what, () -> read.apply(datastore));
    }
    return inReadOnly(what, read::apply);
  }

  /**
   * Runs {@code read} in a read-only transaction, ended off the reader's path, again while the
   * legacy emulator aborts it for contention.
   */
  private <T> T inReadOnly(String what, Function<Transaction, T> read) {
    return request(what, () -> {
      Transaction tx = datastore.newTransaction(READ_ONLY);
      try {
        return read.apply(tx);
      } finally {
        rollbackLater(tx);
      }
    });
  }

  /** Runs a read-write transaction, again while it loses races. */
  private <T> T inTransaction(String what, Function<Transaction, T> work) {
    return request(what, () -> {
      Transaction tx = datastore.newTransaction();
      try {
        return work.apply(tx);
      } finally {
        rollbackQuietly(tx);
      }
    });
  }

  /**
   * Runs a request, turning the client's failures into Cairn's; again while Datastore aborts
   * it for contention (the legacy emulator aborts even plain reads of an entity group being
   * written), for at most the timeout.
   */
  private <T> T request(String what, Supplier<T> work) {
    long deadline = System.nanoTime() + config.timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!Failures.isContention(e) || System.nanoTime() > deadline || closed) {
          throw Failures.map(what, e, closed, config);
        }
      }
      pause(attempt);
    }
  }

  private void rollbackLater(Transaction tx) {
    try {
      rollbacks.execute(() -> rollbackQuietly(tx));
    } catch (RejectedExecutionException e) {
      rollbackQuietly(tx); // closing
    }
  }

  /** Ends a transaction that is still open, ignoring a failure: it times out on its own anyway. */
  static void rollbackQuietly(Transaction tx) {
    if (tx.isActive()) {
      try {
        tx.rollback();
      } catch (RuntimeException ignored) {
        // it times out on its own
      }
    }
  }

  private static Filter and(List<Filter> filters) {
    if (filters.size() == 1) {
      return filters.get(0);
    }
    return CompositeFilter.and(filters.get(0), filters.subList(1, filters.size()).toArray(new Filter[0]));
  }

  private static <T> List<T> list(java.util.Iterator<T> results) {
    List<T> out = new ArrayList<>();
    results.forEachRemaining(out::add);
    return out;
  }
}
