package dev.cairn;

import dev.cairn.spi.Backend;
import dev.cairn.spi.CommitOutcomeUnknownException;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.PreconditionFailedException;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One attempt of a transaction over the SPI: reads at one snapshot revision, buffered writes, and
 * a commit whose preconditions make it serializable. An update restarts (via {@link RetrySignal})
 * when the store moved under a read; a view keeps its revision through a {@link ViewSnapshot}.
 */
final class OptimisticTransaction implements Transaction {
  /** The most reads a transaction reads again to move its read revision on (see {@link #extendTo}). */
  private static final int MAX_READS_TO_EXTEND = 8;

  private final Backend backend;
  private final String namespace;
  private final Capabilities capabilities;
  private final Backoff backoff;
  private final boolean readOnly;
  /** Whether creates after the first leave their existence and name checks to the commit (see {@link #create}). */
  private final boolean deferCreateChecks;
  /** A view's snapshot keeper; null in an update. */
  private final ViewSnapshot view;

  private boolean started;
  private long readRevision;
  // Empty and immutable until first written (see the writable… methods): most transactions
  // read a record or two and write one or none, and a point read should allocate little.
  /** Records read by id: the stored record, or null for absent. */
  private Map<RecordKey, StoredRecord> reads = Map.of();
  /** Records created without a read: the commit requires them absent. */
  private Set<RecordKey> assumedAbsent = Set.of();
  private int creates;
  private Set<String> scanned = Set.of();
  private Map<RecordKey, Pending> writes = Map.of();
  private Map<RecordKey, Long> expectedVersions = Map.of();
  /** The id of the pending write holding each name; built on first need, dropped on rollback. */
  private Map<NameSlot, String> pendingNames;
  private long pendingBytes;

  /**
   * @param deferCreateChecks whether creates after the first are checked at commit instead of
   *     by a read each; for an update's first attempt (a later attempt reads, so that a create
   *     of a record that exists throws where it is called)
   */
  OptimisticTransaction(Backend backend, String namespace, Capabilities capabilities, Backoff backoff,
      boolean readOnly, boolean deferCreateChecks) {
    this.backend = backend;
    this.namespace = namespace;
    this.capabilities = capabilities;
    this.backoff = backoff;
    this.readOnly = readOnly;
    this.deferCreateChecks = deferCreateChecks && !readOnly;
    this.view = readOnly ? new ViewSnapshot(backend, namespace) : null;
  }

  private record RecordKey(String collection, String id) {
    @Override public String toString() {
      return collection + "/" + id;
    }
  }

  /** A name key of one collection. */
  private record NameSlot(String collection, String nameKey) {}

  /** A buffered write: a value with its index keys, or a delete. */
  private static final class Pending {
    final byte[] bytes;
    final Map<String, Set<String>> indexKeys;
    final long createRevision;

    Pending(byte[] bytes, Map<String, Set<String>> indexKeys, long createRevision) {
      this.bytes = bytes;
      this.indexKeys = indexKeys;
      this.createRevision = createRevision;
    }

    boolean isDelete() {
      return bytes == null;
    }

    String nameKey() {
      Set<String> keys = indexKeys.get(Schema.NAME_INDEX);
      return keys == null || keys.isEmpty() ? null : keys.iterator().next();
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public long readRevision() {
    return view != null ? view.revision() : readRevision;
  }

  /** Returns the read revision, or the store's current one if nothing was read. */
  long snapshotRevision() {
    if (view != null) {
      return view.started() ? view.revision() : backend.currentRevision(namespace);
    }
    return started ? readRevision : backend.currentRevision(namespace);
  }

  private void observe(long answeredAt, long newestSeen) {
    if (!started) {
      started = true;
      readRevision = answeredAt;
    } else if (answeredAt < readRevision || newestSeen > readRevision) {
      throw new RetrySignal("the store moved past revision " + readRevision + " during the transaction");
    }
  }

  /** Reads the committed record (not this transaction's writes), remembering what was seen. */
  private StoredRecord committed(RecordKey key) {
    StoredRecord seen = reads.get(key);
    if (seen != null || reads.containsKey(key) || assumedAbsent.contains(key)) {
      return seen;
    }
    RecordRead read = backend.get(namespace, key.collection, key.id);
    StoredRecord record = read.record();
    if (view != null) {
      record = view.point(key.collection, key.id, record, read.revision(), read.collectionRevision());
    } else {
      long newest = record != null ? record.modRevision() : read.collectionRevision();
      boolean movedOn = started && newest > readRevision && read.revision() >= readRevision;
      if (!(movedOn && extendTo(read.revision()))) {
        // not moved on, or an earlier read no longer holds at the later revision
        observe(read.revision(), newest);
      }
    }
    if (reads.isEmpty()) {
      reads = new HashMap<>();
    }
    reads.put(key, record);
    return record;
  }

  /**
   * Moves the transaction's read revision on to {@code revision} if what it read still holds
   * there: every record it read, read again, is as it was. Then the reads so far and a read
   * answered at {@code revision} are one snapshot, and the callback need not run again because
   * an unrelated commit landed between two of its reads. Not for a transaction that scanned or
   * looked up (a collection's listing cannot be read again cheaply), nor one of many reads.
   *
   * @return whether the read revision moved
   */
  private boolean extendTo(long revision) {
    if (!scanned.isEmpty() || reads.size() > MAX_READS_TO_EXTEND) {
      return false;
    }
    for (Map.Entry<RecordKey, StoredRecord> e : reads.entrySet()) {
      RecordRead again = backend.get(namespace, e.getKey().collection, e.getKey().id);
      StoredRecord was = e.getValue();
      StoredRecord now = again.record();
      boolean same = was == null ? now == null : now != null && now.modRevision() == was.modRevision();
      if (!same || again.revision() < revision) {
        return false;
      }
    }
    readRevision = revision;
    return true;
  }

  /** Returns the record as this transaction sees it, or null. */
  private <T> Entry<T> effective(Schema<T> schema, String id) {
    RecordKey key = new RecordKey(schema.collection(), id);
    Pending p = writes.get(key);
    if (p != null) {
      return p.isDelete() ? null : new Entry<>(id, decode(schema, id, p.bytes), p.createRevision, Entry.PENDING);
    }
    StoredRecord r = committed(key);
    return r == null ? null : toEntry(schema, r);
  }

  /** Returns the create revision of the record as this transaction sees it, or -1 if absent; decodes nothing. */
  private long createRevisionOf(String collection, String id) {
    RecordKey key = new RecordKey(collection, id);
    Pending p = writes.get(key);
    if (p != null) {
      return p.isDelete() ? -1 : p.createRevision;
    }
    StoredRecord r = committed(key);
    return r == null ? -1 : r.createRevision();
  }

  @Override
  public <T> Optional<Entry<T>> get(Schema<T> schema, String id) {
    Names.checkId(id);
    return Optional.ofNullable(effective(schema, id));
  }

  @Override
  public <T> Optional<Entry<T>> getByName(Schema<T> schema, String name) {
    requireNamed(schema);
    List<Entry<T>> found = find(schema, By.name(name));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public <T> Page<T> list(Schema<T> schema, ListOptions options) {
    IdRange range = rangeOf(options);
    ScanResult result = backend.scan(namespace, schema.collection(), range, options.limit);
    List<StoredRecord> records = result.records();
    String lastScanned = records.isEmpty() ? null : records.get(records.size() - 1).id();
    if (view != null) {
      records = view.page(schema.collection(), covered(range, result), records, result.revision(),
          result.collectionRevision());
    } else {
      observeScan(schema.collection(), result);
    }
    TreeMap<String, Entry<T>> merged = new TreeMap<>(Ids.ORDER);
    for (StoredRecord r : records) {
      if (!writes.containsKey(new RecordKey(schema.collection(), r.id()))) {
        merged.put(r.id(), toEntry(schema, r));
      }
    }
    for (Map.Entry<RecordKey, Pending> w : writes.entrySet()) {
      String id = w.getKey().id;
      if (w.getKey().collection.equals(schema.collection()) && !w.getValue().isDelete() && range.contains(id)
          && (!result.more() || Ids.compare(id, lastScanned) <= 0)) {
        merged.put(id, effective(schema, id));
      }
    }
    List<Entry<T>> items = new ArrayList<>(merged.values());
    String next = null;
    if (items.size() > options.limit) {
      items = items.subList(0, options.limit);
      next = items.get(options.limit - 1).id();
    } else if (result.more()) {
      next = lastScanned;
    }
    return new Page<>(items, next);
  }

  /**
   * The ids a scan page answers for: {@code range} up to the page's last record when more remain,
   * all of it otherwise.
   */
  private static IdRange covered(IdRange range, ScanResult page) {
    if (!page.more() || page.records().isEmpty()) {
      return range;
    }
    // the smallest id after the last one: a prefix sorts before its extensions, and U+0000 first
    String last = page.records().get(page.records().size() - 1).id();
    return new IdRange(range.lower(), range.lowerInclusive(), last + '\u0000');
  }

  private static IdRange rangeOf(ListOptions options) {
    IdRange range;
    if (options.prefix != null) {
      range = new IdRange(options.prefix, true, Ids.prefixEnd(options.prefix));
    } else if (options.from != null || options.to != null) {
      range = new IdRange(options.from, true, options.to);
    } else {
      range = IdRange.ALL;
    }
    return options.cursor == null ? range : range.after(options.cursor);
  }

  @Override
  public <T> List<Entry<T>> listAll(Schema<T> schema) {
    if (view != null) {
      return viewListAll(schema);
    }
    List<Entry<T>> all = new ArrayList<>();
    ListOptions options = ListOptions.all().limit(ListOptions.DEFAULT_LIMIT);
    while (true) {
      Page<T> page = list(schema, options);
      all.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      options = options.after(page.nextCursor().get());
    }
  }

  /**
   * Lists a collection in a view: gathers every page first, so that pages read at different
   * revisions are joined to the view as one answer (see {@link ViewSnapshot#listing}).
   */
  private <T> List<Entry<T>> viewListAll(Schema<T> schema) {
    List<ViewSnapshot.Part> parts = new ArrayList<>();
    IdRange rest = IdRange.ALL;
    while (true) {
      ScanResult page = backend.scan(namespace, schema.collection(), rest, ListOptions.DEFAULT_LIMIT);
      IdRange covered = covered(rest, page);
      parts.add(new ViewSnapshot.Part(covered, page.records(), page.revision(), page.collectionRevision()));
      if (!page.more() || page.records().isEmpty()) {
        break;
      }
      rest = rest.after(page.records().get(page.records().size() - 1).id());
    }
    List<Entry<T>> all = new ArrayList<>();
    for (StoredRecord r : view.listing(schema.collection(), IdRange.ALL, parts)) {
      all.add(toEntry(schema, r));
    }
    return all;
  }

  @Override
  public <T> List<Entry<T>> find(Schema<T> schema, By by) {
    TreeMap<String, Entry<T>> found = new TreeMap<>(Ids.ORDER);
    collect(schema, by, found);
    return new ArrayList<>(found.values());
  }

  private <T> void collect(Schema<T> schema, By by, Map<String, Entry<T>> found) {
    if (by instanceof By.Or) {
      for (By alternative : ((By.Or) by).alternatives) {
        collect(schema, alternative, found);
      }
      return;
    }
    By.Exact exact = (By.Exact) by;
    if (exact.index.equals(Schema.NAME_INDEX)) {
      requireNamed(schema);
    } else if (!schema.indexes().containsKey(exact.index)) {
      throw new InvalidArgumentException("collection '" + schema.collection() + "' has no index '"
          + exact.index + "'; declared: " + schema.indexNames());
    }
    ScanResult result = backend.lookup(namespace, schema.collection(), exact.index, exact.key, exact.prefix);
    List<StoredRecord> records = result.records();
    if (view != null) {
      records = view.lookup(schema.collection(), exact.index, exact.key, exact.prefix, records, result.revision(),
          result.collectionRevision());
    } else {
      observeScan(schema.collection(), result);
    }
    for (StoredRecord r : records) {
      if (!writes.containsKey(new RecordKey(schema.collection(), r.id()))) {
        found.put(r.id(), toEntry(schema, r));
      }
    }
    for (Map.Entry<RecordKey, Pending> w : writes.entrySet()) {
      Pending p = w.getValue();
      if (w.getKey().collection.equals(schema.collection()) && !p.isDelete()
          && ViewSnapshot.matches(p.indexKeys.get(exact.index), exact.key, exact.prefix)) {
        found.put(w.getKey().id, effective(schema, w.getKey().id));
      }
    }
  }

  private void observeScan(String collection, ScanResult result) {
    observe(result.revision(), result.collectionRevision());
    if (scanned.isEmpty()) {
      scanned = new HashSet<>();
    }
    scanned.add(collection);
  }

  private static void requireNamed(Schema<?> schema) {
    if (!schema.hasName()) {
      throw new InvalidArgumentException("collection '" + schema.collection() + "' declares no name");
    }
  }

  // ---------------------------------------------------------------- writes

  /**
   * {@inheritDoc}
   *
   * <p>A transaction that creates many records (a load, an import) would read each one first; so
   * on an update's first attempt every create but the first is checked at commit instead: the
   * commit requires the record absent and its name free. If one is not, the commit fails, and the
   * callback runs again reading each record, so this method throws where it is called, as a
   * serial execution would. A transaction creating one record reads it, as before.
   */
  @Override
  public <T> Entry<T> create(Schema<T> schema, String id, T value) {
    checkWritable(id, value);
    RecordKey key = new RecordKey(schema.collection(), id);
    if (deferCreateChecks && creates++ > 0 && !writes.containsKey(key) && !reads.containsKey(key)) {
      if (assumedAbsent.isEmpty()) {
        assumedAbsent = new HashSet<>();
      }
      assumedAbsent.add(key);
      return stage(schema, id, value, Entry.PENDING, false);
    }
    if (createRevisionOf(schema.collection(), id) >= 0) {
      throw new AlreadyExistsException(schema.collection() + "/" + id + " already exists");
    }
    return stage(schema, id, value, Entry.PENDING, true);
  }

  @Override
  public <T> Entry<T> update(Schema<T> schema, String id, T value) {
    checkWritable(id, value);
    long created = createRevisionOf(schema.collection(), id);
    if (created < 0) {
      throw new NotFoundException(schema.collection() + "/" + id + " does not exist");
    }
    return stage(schema, id, value, created, true);
  }

  @Override
  public <T> Entry<T> update(Schema<T> schema, String id, T value, long expectedVersion) {
    checkWritable(id, value);
    expectVersion(schema, id, expectedVersion);
    return update(schema, id, value);
  }

  @Override
  public <T> Entry<T> put(Schema<T> schema, String id, T value) {
    checkWritable(id, value);
    long created = createRevisionOf(schema.collection(), id);
    return stage(schema, id, value, created < 0 ? Entry.PENDING : created, true);
  }

  @Override
  public <T> void delete(Schema<T> schema, String id) {
    checkWritable(id, "");
    if (createRevisionOf(schema.collection(), id) < 0) {
      throw new NotFoundException(schema.collection() + "/" + id + " does not exist");
    }
    RecordKey key = new RecordKey(schema.collection(), id);
    boolean createdHere = committed(key) == null;
    Pending tombstone = createdHere ? null : new Pending(null, Map.of(), Entry.PENDING);
    Pending old = createdHere ? writes.remove(key) : writableWrites().put(key, tombstone);
    renamed(key, old, tombstone);
    if (old != null && old.bytes != null) {
      pendingBytes -= old.bytes.length;
    }
  }

  @Override
  public <T> void delete(Schema<T> schema, String id, long expectedVersion) {
    checkWritable(id, "");
    expectVersion(schema, id, expectedVersion);
    delete(schema, id);
  }

  private void checkWritable(String id, Object value) {
    if (readOnly) {
      throw new InvalidArgumentException("a view cannot write; use Store.update");
    }
    Names.checkId(id);
    if (value == null) {
      throw new InvalidArgumentException("value of record '" + id + "' must not be null");
    }
  }

  private <T> void expectVersion(Schema<T> schema, String id, long expectedVersion) {
    RecordKey key = new RecordKey(schema.collection(), id);
    StoredRecord base = committed(key);
    if (base == null && !writes.containsKey(key)) {
      throw new NotFoundException(key + " does not exist");
    }
    long actual = base == null ? 0 : base.modRevision();
    if (actual != expectedVersion) {
      throw new VersionConflictException(key + " is at version " + actual + ", not the expected " + expectedVersion);
    }
    if (expectedVersions.isEmpty()) {
      expectedVersions = new HashMap<>();
    }
    expectedVersions.put(key, expectedVersion);
  }

  /** Returns {@link #writes}, made mutable. */
  private Map<RecordKey, Pending> writableWrites() {
    if (writes.isEmpty()) {
      writes = new LinkedHashMap<>();
    }
    return writes;
  }

  /** Buffers a write; with {@code readName}, a name it takes is checked free in the store now, not only at commit. */
  private <T> Entry<T> stage(Schema<T> schema, String id, T value, long createRevision, boolean readName) {
    RecordKey key = new RecordKey(schema.collection(), id);
    byte[] bytes = schema.codec().encode(value);
    if (bytes == null) {
      throw new InvalidArgumentException("codec " + schema.codec() + " encoded " + key + " as null");
    }
    if (bytes.length > capabilities.maxValueBytes()) {
      throw new TooLargeException("value of " + key + " is " + bytes.length
          + " bytes; the backend's limit is " + capabilities.maxValueBytes());
    }
    Map<String, Set<String>> indexKeys = indexKeys(schema, key, value);
    Set<String> name = indexKeys.get(Schema.NAME_INDEX);
    if (name != null) {
      checkNameFree(schema, id, name.iterator().next(), readName);
    }
    Pending now = new Pending(bytes, indexKeys, createRevision);
    Pending old = writableWrites().put(key, now);
    renamed(key, old, now);
    pendingBytes += bytes.length - (old == null || old.bytes == null ? 0 : old.bytes.length);
    return new Entry<>(id, value, createRevision, Entry.PENDING);
  }

  private static <T> Map<String, Set<String>> indexKeys(Schema<T> schema, RecordKey key, T value) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Map.Entry<String, Function<? super T, ? extends Collection<String>>> index : schema.indexes().entrySet()) {
      Collection<String> keys = index.getValue().apply(value);
      if (keys != null && !keys.isEmpty()) {
        for (String k : keys) {
          if (!Names.isValidKey(k)) {
            Names.checkKey("key of index '" + index.getKey() + "' for " + key, k);
          }
        }
        out.put(index.getKey(), keys.size() == 1 ? Set.of(keys.iterator().next()) : Set.copyOf(keys));
      }
    }
    String name = schema.nameOf(value);
    if (name != null) {
      String folded = NameKey.of(name);
      if (!Names.isValidKey(name) || !Names.isValidKey(folded)) {
        Names.checkKey("name of " + key, name);
        Names.checkKey("name of " + key + " in lower case", folded);
      }
      out.put(Schema.NAME_INDEX, Set.of(folded));
    }
    return Map.copyOf(out);
  }

  private void checkNameFree(Schema<?> schema, String id, String nameKey, boolean readStore) {
    String collection = schema.collection();
    String pendingHolder = pendingNames().get(new NameSlot(collection, nameKey));
    if (pendingHolder != null && !pendingHolder.equals(id)) {
      throw new NameConflictException("name '" + nameKey + "' is already held by " + collection + "/" + pendingHolder
          + " (written in this transaction)");
    }
    if (!readStore) {
      return; // the commit's IndexKeyFree precondition checks it
    }
    ScanResult holders = backend.lookup(namespace, collection, Schema.NAME_INDEX, nameKey, false);
    for (StoredRecord holder : holders.records()) {
      Pending p = writes.get(new RecordKey(collection, holder.id()));
      boolean released = p != null && !nameKey.equals(p.nameKey());
      if (!holder.id().equals(id) && !released) {
        throw new NameConflictException("name '" + nameKey + "' is already held by " + collection + "/" + holder.id());
      }
    }
  }

  /** Returns the pending names, building them from the writes if a rollback dropped them. */
  private Map<NameSlot, String> pendingNames() {
    if (pendingNames == null) {
      pendingNames = new HashMap<>();
      writes.forEach((key, p) -> renamed(key, null, p));
    }
    return pendingNames;
  }

  /** Keeps {@link #pendingNames} in step with a write replacing {@code old} by {@code now} (either may be null). */
  private void renamed(RecordKey key, Pending old, Pending now) {
    if (pendingNames == null) {
      return;
    }
    String was = old == null ? null : old.nameKey();
    String is = now == null ? null : now.nameKey();
    if (was != null) {
      pendingNames.remove(new NameSlot(key.collection, was), key.id);
    }
    if (is != null) {
      pendingNames.put(new NameSlot(key.collection, is), key.id);
    }
  }

  // ---------------------------------------------------------------- savepoints

  /** The buffered writes at one point of the transaction; what a batch rolls back to. */
  static final class Savepoint {
    private final Map<RecordKey, Pending> writes;
    private final Map<RecordKey, Long> expectedVersions;
    private final long pendingBytes;

    private Savepoint(OptimisticTransaction tx) {
      this.writes = new LinkedHashMap<>(tx.writes);
      this.expectedVersions = new HashMap<>(tx.expectedVersions);
      this.pendingBytes = tx.pendingBytes;
    }
  }

  /** Returns the current writes, to undo later ones with {@link #rollback}. */
  Savepoint savepoint() {
    return new Savepoint(this);
  }

  /**
   * Drops the writes made since the savepoint. Reads made since stay and are still checked at
   * commit, which is conservative: it can cause a retry, never a missed conflict.
   */
  void rollback(Savepoint savepoint) {
    writes = new LinkedHashMap<>(savepoint.writes);
    pendingNames = null;
    expectedVersions = new HashMap<>(savepoint.expectedVersions);
    pendingBytes = savepoint.pendingBytes;
  }

  // ---------------------------------------------------------------- commit

  int changeCount() {
    return writes.size();
  }

  long byteCount() {
    return pendingBytes;
  }

  /** Commits the writes; returns the new revision, or the snapshot revision if none. */
  long commit() {
    if (writes.isEmpty()) {
      return snapshotRevision();
    }
    if (writes.size() > capabilities.maxWritesPerCommit()) {
      throw new TooLargeException("transaction writes " + writes.size()
          + " records; the backend's limit per commit is " + capabilities.maxWritesPerCommit());
    }
    if (pendingBytes > capabilities.maxCommitBytes()) {
      throw new TooLargeException("transaction writes " + pendingBytes + " bytes of values; the backend's limit"
          + " per commit is " + capabilities.maxCommitBytes() + " (a batch splits larger work)");
    }
    List<Precondition> preconditions = new ArrayList<>();
    Set<Precondition> explicit = expectedVersions.isEmpty() ? Set.of() : new HashSet<>();
    reads.forEach((key, record) -> {
      if (!expectedVersions.containsKey(key)) {
        preconditions.add(new Precondition.RecordVersion(key.collection, key.id,
            record == null ? 0 : record.modRevision()));
      }
    });
    for (RecordKey key : assumedAbsent) {
      if (!reads.containsKey(key) && !expectedVersions.containsKey(key)) {
        preconditions.add(new Precondition.RecordVersion(key.collection, key.id, 0));
      }
    }
    expectedVersions.forEach((key, version) -> {
      Precondition p = new Precondition.RecordVersion(key.collection, key.id, version);
      preconditions.add(p);
      explicit.add(p);
    });
    for (String collection : scanned) {
      preconditions.add(new Precondition.CollectionUnchanged(collection, readRevision));
    }
    List<Write> list = new ArrayList<>(writes.size());
    Map<String, Set<String>> writtenIds = new HashMap<>();
    writes.forEach((key, p) -> {
      list.add(new Write(key.collection, key.id, p.bytes, p.indexKeys));
      String nameKey = p.nameKey();
      if (nameKey != null) {
        preconditions.add(new Precondition.IndexKeyFree(key.collection, Schema.NAME_INDEX, nameKey,
            writtenIds.computeIfAbsent(key.collection, this::idsWrittenIn)));
      }
    });
    String token = CommitTokens.next();
    CommitRequest request = new CommitRequest(preconditions, list, token);
    try {
      return backend.commit(namespace, request);
    } catch (PreconditionFailedException e) {
      if (explicit.contains(e.failed())) {
        Precondition.RecordVersion v = (Precondition.RecordVersion) e.failed();
        throw new VersionConflictException(v.collection() + "/" + v.id() + " is no longer at version "
            + v.modRevision());
      }
      throw new RetrySignal("commit precondition failed: " + e.failed());
    } catch (CommitOutcomeUnknownException e) {
      return resolve(token, e);
    }
  }

  /**
   * The records of a collection this commit writes: the holders a name precondition allows. Names
   * are unique among pending writes, so apart from the taker none of them keeps the name, and one
   * immutable set serves every name of the collection (IndexKeyFree does not copy it again).
   */
  private Set<String> idsWrittenIn(String collection) {
    List<String> ids = new ArrayList<>();
    writes.keySet().forEach(key -> {
      if (key.collection.equals(collection)) {
        ids.add(key.id);
      }
    });
    return Set.copyOf(ids);
  }

  private long resolve(String token, CommitOutcomeUnknownException cause) {
    OptionalLong revision = CommitTokens.resolve(backend, namespace, token, backoff, cause);
    if (revision.isEmpty()) {
      throw new RetrySignal("commit " + token + " did not apply");
    }
    return revision.getAsLong();
  }

  // ---------------------------------------------------------------- decoding

  private static <T> Entry<T> toEntry(Schema<T> schema, StoredRecord r) {
    return new Entry<>(r.id(), decode(schema, r.id(), r.value()), r.createRevision(), r.modRevision());
  }

  private static <T> T decode(Schema<T> schema, String id, byte[] bytes) {
    try {
      T value = schema.codec().decode(bytes);
      if (value == null) {
        throw new IllegalArgumentException("codec returned null");
      }
      return value;
    } catch (RuntimeException e) {
      throw new CairnException(ErrorCode.INTERNAL, "cannot decode " + schema.collection() + "/" + id
          + " with " + schema.codec() + ": " + e.getMessage(), e);
    }
  }
}
