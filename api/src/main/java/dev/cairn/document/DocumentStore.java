package dev.cairn.document;

import dev.cairn.AlreadyExistsException;
import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.InvalidArgumentException;
import dev.cairn.ListOptions;
import dev.cairn.NotFoundException;
import dev.cairn.ReadTransaction;
import dev.cairn.Schema;
import dev.cairn.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Large state documents of one kind in one store namespace (nodestore): one value per id, such
 * as a pool's scheduler state, read and rewritten whole. A state larger than the backend's value
 * limit is split into immutable chunks written <em>before</em> a small pointer record (generation,
 * chunk ids, length, CRC32C) is swapped in by a transaction that checks the generation, so readers
 * never see a mix of generations. Built on the public {@link Store} API only: it works on every
 * backend. Thread-safe.
 *
 * <p>A kind {@code k} uses three reserved collections: {@code cairn-doc-k} (pointers),
 * {@code cairn-chunk-k} (chunks) and {@code cairn-write-k} (one small record per write attempt,
 * counting its chunks). Document ids follow the record-id rules with a shorter limit of
 * {@value #MAX_ID_BYTES} UTF-8 bytes, the rest of a record id being taken by the chunk suffix.
 *
 * <pre>{@code
 * DocumentStore<PoolState> pools = DocumentStore.builder(store, "pool", PoolState.CODEC).build();
 * pools.create("pool-1", PoolState.EMPTY);
 * pools.shared("pool-1").run(state -> state.withTask(task));
 * }</pre>
 *
 * @param <T> the state type; values must be treated as immutable (they are cached and shared)
 */
public final class DocumentStore<T> {
  /** The longest document id, in UTF-8 bytes. */
  public static final int MAX_ID_BYTES = DocumentIds.MAX_ID_BYTES;
  /** How many generations before the current one {@link #clean()} keeps by default. */
  public static final int DEFAULT_RETAINED_GENERATIONS = 100;
  /** How many tries a run or a load gets by default before giving up. */
  public static final int DEFAULT_MAX_ATTEMPTS = 64;
  /** How long {@link #clean()} spares an uncommitted write attempt after its last write, by default. */
  public static final Duration DEFAULT_IN_FLIGHT_GRACE = Duration.ofMinutes(1);
  /** The largest chunk by default, in bytes, if the backend's value limit is larger. */
  public static final int DEFAULT_MAX_CHUNK_BYTES = 16 << 20;

  private static final Codec<byte[]> IDENTITY = Codec.bytes();

  private final Store store;
  private final String kind;
  private final Codec<T> codec;
  private final int retainedGenerations;
  private final int maxAttempts;
  private final long inFlightGraceMillis;
  private final int chunkBytes;
  private final Schema<byte[]> pointers;
  private final Chunks chunks;
  private final Map<String, DefaultDocument<T>> shared = new ConcurrentHashMap<>();

  private DocumentStore(Builder<T> b) {
    this.store = b.store;
    this.kind = b.kind;
    this.codec = b.codec;
    this.maxAttempts = b.maxAttempts;
    this.inFlightGraceMillis = b.inFlightGrace.toMillis();
    long limit = store.capabilities().maxValueBytes();
    // The pointer is one record: the generations it remembers must fit under the value limit.
    long fitting = Math.max(0, (limit - Pointer.HEADER_BYTES) / Pointer.ENTRY_BYTES);
    if (limit < Pointer.HEADER_BYTES || (b.retainedSet && b.retainedGenerations > fitting)) {
      throw new InvalidArgumentException("retaining " + b.retainedGenerations + " generations needs a pointer of "
          + Pointer.bytesFor(b.retainedGenerations) + " bytes; the backend's value limit of " + limit
          + " bytes fits at most " + fitting);
    }
    this.retainedGenerations = (int) Math.min(b.retainedGenerations, fitting);
    if (b.maxChunkBytes > limit) {
      throw new InvalidArgumentException("maxChunkBytes " + b.maxChunkBytes + " exceeds the backend's value limit "
          + limit);
    }
    if (store.capabilities().maxWritesPerCommit() < 2) {
      throw new InvalidArgumentException("documents need at least 2 writes per commit; the backend allows "
          + store.capabilities().maxWritesPerCommit());
    }
    // a chunk is written with its attempt's record, so one must fit a commit beside it
    long commitRoom = store.capabilities().maxCommitBytes() - Chunks.ATTEMPT_ROOM;
    if (b.maxChunkBytes > commitRoom) {
      throw new InvalidArgumentException("maxChunkBytes " + b.maxChunkBytes + " leaves no room in the backend's commit"
          + " limit of " + store.capabilities().maxCommitBytes() + " bytes");
    }
    this.chunkBytes = b.maxChunkBytes > 0 ? b.maxChunkBytes
        : (int) Math.min(Math.min(limit, DEFAULT_MAX_CHUNK_BYTES), commitRoom);
    this.pointers = Schema.of(pointerCollection(), Codec.bytes());
    this.chunks = new Chunks(store, kind, chunkCollection(), "cairn-write-" + kind, chunkBytes);
  }

  /**
   * Starts a document store.
   *
   * @param store the store (namespace) holding the documents
   * @param kind the kind of document, {@code [a-z][a-z0-9_-]{0,50}}; it names the reserved collections
   * @param codec the codec of states
   * @throws InvalidArgumentException if the kind is invalid
   * @throws NullPointerException if {@code store} or {@code codec} is null
   */
  public static <T> Builder<T> builder(Store store, String kind, Codec<T> codec) {
    return new Builder<>(store, kind, codec);
  }

  /** Returns a document store with the default options; see {@link #builder}. */
  public static <T> DocumentStore<T> of(Store store, String kind, Codec<T> codec) {
    return builder(store, kind, codec).build();
  }

  /** Returns the kind of document, never null. */
  public String kind() {
    return kind;
  }

  /** Returns the name of the collection of pointer records, one per document. */
  public String pointerCollection() {
    return "cairn-doc-" + kind;
  }

  /** Returns the name of the collection of chunks; each record's value is raw state bytes. */
  public String chunkCollection() {
    return "cairn-chunk-" + kind;
  }

  /** Returns the largest chunk this store writes, in bytes: every chunk of a state but the last has this size. */
  public int chunkBytes() {
    return chunkBytes;
  }

  /** Returns how many generations before the current one {@link #clean()} keeps. */
  public int retainedGenerations() {
    return retainedGenerations;
  }

  /**
   * Creates a document at generation 1. Atomic: the document exists whole or not at all.
   *
   * @param id the document id, at most {@value #MAX_ID_BYTES} UTF-8 bytes
   * @param initial the state, never null
   * @return the {@linkplain #shared shared} instance of the document, its cache holding {@code initial}
   * @throws AlreadyExistsException if a document with the id exists
   * @throws InvalidArgumentException if the id is invalid, or {@code initial} or its encoding is null
   * @throws dev.cairn.TransactionConflictException if cleans removed the chunks of every attempt
   */
  public Document<T> create(String id, T initial) {
    DocumentIds.checkId(id);
    byte[] bytes = encode(id, initial);
    if (store.view(tx -> tx.get(pointers, id)).isPresent()) {
      throw alreadyExists(id);
    }
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Chunks.Written w;
      try {
        w = chunks.write(id, 1, bytes);
        Pointer first = Pointer.first(w);
        try {
          store.update(tx -> {
            if (tx.get(pointers, id).isPresent()) {
              throw alreadyExists(id);
            }
            if (!chunks.complete(tx, id, w)) {
              throw new Chunks.AttemptLost(id);
            }
            tx.create(pointers, id, first.encode());
          });
        } catch (RuntimeException notCreated) {
          chunks.abandon(id, w);
          throw notCreated;
        }
        DefaultDocument<T> doc = sharedInstance(id);
        doc.remember(first, initial);
        return doc;
      } catch (Chunks.AttemptLost e) {
        DefaultDocument.pause(attempt);
      }
    }
    throw new dev.cairn.TransactionConflictException("document " + kind + "/" + id + ": a clean removed the chunks of"
        + " all " + maxAttempts + " attempts to create it");
  }

  /**
   * Reads a document's committed state, using the shared instance's cache if there is one.
   *
   * @return the state, or empty if the document does not exist
   * @throws InvalidArgumentException if the id is invalid
   * @throws dev.cairn.CorruptedException as {@link Document#get()}
   */
  public Optional<T> get(String id) {
    DocumentIds.checkId(id);
    DefaultDocument<T> doc = shared.get(id);
    return (doc != null ? doc : new DefaultDocument<>(this, id)).find();
  }

  /**
   * Deletes a document: its pointer in one transaction (from then on it is absent), then every
   * chunk of every generation and attempt, in as many transactions as the limits need. If this
   * fails part-way, {@link #clean()} removes the rest.
   *
   * @throws NotFoundException if the document does not exist
   * @throws InvalidArgumentException if the id is invalid
   */
  public void delete(String id) {
    DocumentIds.checkId(id);
    store.update(tx -> {
      if (tx.get(pointers, id).isEmpty()) {
        throw new NotFoundException("document " + kind + "/" + id + " does not exist");
      }
      tx.delete(pointers, id);
    });
    DefaultDocument<T> instance = shared.get(id);
    if (instance != null) {
      instance.forget(); // no cache outlives its document
    }
    chunks.deleteUnretained(chunks.list(id), tx -> pointer(tx, id), retainedGenerations, 0);
  }

  /**
   * Lists the ids of the documents of this kind, in id order. Each page of the listing is
   * consistent; documents created or deleted during the call may or may not be listed.
   *
   * @return the ids, never null; unmodifiable
   */
  public List<String> list() {
    List<String> ids = new ArrayList<>();
    Listing.forEach(store, pointers, ListOptions.all(), e -> ids.add(e.id()));
    return List.copyOf(ids);
  }

  /**
   * Returns the process-wide instance of a document (nodestore's {@code For}): the same object
   * for the same id from this document store, sharing one cache. The document need not exist yet.
   *
   * @throws InvalidArgumentException if the id is invalid
   */
  public Document<T> shared(String id) {
    return sharedInstance(DocumentIds.checkId(id));
  }

  /**
   * Returns a new, independent instance of a document with its own empty cache (nodestore's
   * {@code New}), as a second writer in another process would have. The document need not exist yet.
   *
   * @throws InvalidArgumentException if the id is invalid
   */
  public Document<T> open(String id) {
    return new DefaultDocument<>(this, DocumentIds.checkId(id));
  }

  /**
   * Deletes orphan chunks (of write attempts that never committed, and of deleted documents)
   * and the chunks of generations more than {@link #retainedGenerations()} before the current
   * one. A reader loading a retained generation is never broken; one loading an older generation
   * reloads the current one. The chunks of a write attempt not yet swapped in are spared for the
   * {@linkplain Builder#inFlightGrace in-flight grace period} after their last write (their writer
   * may still be writing), unless their run already failed or lost its race.
   * Each step is a transaction that re-reads the document's pointer, so it is safe beside
   * concurrent runs, creates and deletes.
   *
   * @return how many chunks were deleted
   * @throws dev.cairn.CorruptedException if a pointer or a write-attempt record is damaged
   * @throws dev.cairn.TransactionConflictException if concurrent writers made a cleaning
   *     transaction conflict on all of the store's attempts (nothing is lost: clean again later)
   */
  public int clean() {
    Map<String, List<DocumentIds.Attempt>> byDocument = new LinkedHashMap<>();
    for (DocumentIds.Attempt a : chunks.list(null)) {
      byDocument.computeIfAbsent(a.documentId(), k -> new ArrayList<>()).add(a);
    }
    int deleted = 0;
    for (Map.Entry<String, List<DocumentIds.Attempt>> e : byDocument.entrySet()) {
      String id = e.getKey();
      deleted += chunks.deleteUnretained(e.getValue(), tx -> pointer(tx, id), retainedGenerations,
          inFlightGraceMillis);
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "DocumentStore{kind=" + kind + ", chunkBytes=" + chunkBytes + ", retained=" + retainedGenerations
        + ", store=" + store + "}";
  }

  // ------------------------------------------------------------------ for DefaultDocument

  Store store() {
    return store;
  }

  Chunks chunks() {
    return chunks;
  }

  Codec<T> codec() {
    return codec;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  Schema<byte[]> pointers() {
    return pointers;
  }

  /** Reads and decodes a document's pointer in {@code tx}. */
  Optional<Pointer> pointer(ReadTransaction tx, String id) {
    return tx.get(pointers, id).map(e -> Pointer.decode(kind + "/" + id, e.value()));
  }

  /** Encodes a state, rejecting null. */
  byte[] encode(String id, T value) {
    if (value == null) {
      throw new InvalidArgumentException("state of document " + kind + "/" + id + " must not be null");
    }
    if (codec == IDENTITY && ((byte[]) value).length > chunkBytes) {
      // Codec.bytes() copies to keep callers from aliasing stored bytes; states are immutable and
      // a state of several chunks is copied into them anyway, so that copy would be wasted.
      return (byte[]) value;
    }
    byte[] bytes = codec.encode(value);
    if (bytes == null) {
      throw new InvalidArgumentException("codec " + codec + " encoded the state of document " + kind + "/" + id
          + " as null");
    }
    return bytes;
  }

  private DefaultDocument<T> sharedInstance(String id) {
    return shared.computeIfAbsent(id, k -> new DefaultDocument<>(this, k));
  }

  private AlreadyExistsException alreadyExists(String id) {
    return new AlreadyExistsException("document " + kind + "/" + id + " already exists");
  }

  /**
   * Builds a {@link DocumentStore}. Not thread-safe.
   *
   * @param <T> the state type
   */
  public static final class Builder<T> {
    private final Store store;
    private final String kind;
    private final Codec<T> codec;
    private int retainedGenerations = DEFAULT_RETAINED_GENERATIONS;
    private boolean retainedSet;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration inFlightGrace = DEFAULT_IN_FLIGHT_GRACE;
    private int maxChunkBytes;

    private Builder(Store store, String kind, Codec<T> codec) {
      this.store = Objects.requireNonNull(store, "store");
      this.kind = DocumentIds.checkKind(kind);
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Sets how many generations before the current one {@link DocumentStore#clean()} keeps for
     * readers still loading them; at least 0, default {@value DocumentStore#DEFAULT_RETAINED_GENERATIONS}.
     * The pointer remembers as many as the writer's setting, which bounds what a clean can keep.
     *
     * @throws InvalidArgumentException if {@code generations} is negative
     */
    public Builder<T> retainedGenerations(int generations) {
      if (generations < 0) {
        throw new InvalidArgumentException("retained generations must not be negative: " + generations);
      }
      this.retainedGenerations = generations;
      this.retainedSet = true;
      return this;
    }

    /**
     * Sets how long {@link DocumentStore#clean()} spares the chunks of a write attempt of a
     * generation not yet committed (or of a document not yet created) after the attempt's last
     * write, since its writer may still be writing them; default
     * {@link DocumentStore#DEFAULT_IN_FLIGHT_GRACE}. Attempts that lost their race or whose run
     * failed are cleaned at once; this only delays the chunks of a writer that died mid-write.
     *
     * @throws InvalidArgumentException if {@code grace} is negative
     * @throws NullPointerException if {@code grace} is null
     */
    public Builder<T> inFlightGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new InvalidArgumentException("in-flight grace must not be negative: " + grace);
      }
      this.inFlightGrace = grace;
      return this;
    }

    /**
     * Sets how many tries a run gets when other writers commit first (and a load when chunks
     * vanish under it); at least 1, default {@value DocumentStore#DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws InvalidArgumentException if {@code attempts} is below 1
     */
    public Builder<T> maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new InvalidArgumentException("maxAttempts must be at least 1: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Caps the size of a chunk, at most the backend's value limit (checked by {@link #build()});
     * default the smaller of that limit and {@value DocumentStore#DEFAULT_MAX_CHUNK_BYTES}.
     *
     * @throws InvalidArgumentException if {@code bytes} is not positive
     */
    public Builder<T> maxChunkBytes(int bytes) {
      if (bytes < 1) {
        throw new InvalidArgumentException("maxChunkBytes must be positive: " + bytes);
      }
      this.maxChunkBytes = bytes;
      return this;
    }

    /**
     * Returns the document store.
     *
     * @throws InvalidArgumentException if {@code maxChunkBytes} exceeds the backend's value limit,
     *     the pointer of the {@linkplain #retainedGenerations retained generations} set would, or the
     *     backend allows fewer than 2 writes per commit (an unset margin is lowered to what fits)
     */
    public DocumentStore<T> build() {
      return new DocumentStore<>(this);
    }
  }
}
