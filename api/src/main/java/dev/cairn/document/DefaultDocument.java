package dev.cairn.document;

import dev.cairn.CorruptedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.NotFoundException;
import dev.cairn.TransactionConflictException;
import dev.cairn.UnavailableException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** A document instance with its cache of the last state it loaded or wrote. Thread-safe. */
final class DefaultDocument<T> implements Document<T> {
  private static final long FIRST_PAUSE_NANOS = 200_000;
  private static final long MAX_PAUSE_NANOS = 50_000_000;

  /** A committed state and the pointer that names it. */
  private record Loaded<T>(Pointer pointer, T value) {}

  /** Thrown inside the pointer swap when another writer committed first. */
  private static final class Stale extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stale() {
      super("stale generation", null, false, false);
    }
  }

  private final DocumentStore<T> docs;
  private final String id;
  /** The last state loaded or written; a hit only while the pointer still names it. */
  private volatile Loaded<T> cache;

  DefaultDocument(DocumentStore<T> docs, String id) {
    this.docs = docs;
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public T get() {
    return load().value;
  }

  @Override
  public long generation() {
    return readPointer().orElseThrow(this::notFound).generation();
  }

  /** Returns the state, or empty if the document does not exist. */
  Optional<T> find() {
    Loaded<T> loaded = loadOrNull();
    return loaded == null ? Optional.empty() : Optional.of(loaded.value);
  }

  @Override
  public long run(DocumentOperator<T> operator) {
    Objects.requireNonNull(operator, "operator");
    int attempts = docs.maxAttempts();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Loaded<T> base = load();
      T next = operator.modify(base.value);
      if (next == null) {
        throw new InvalidArgumentException("modify of document " + name() + " returned null");
      }
      byte[] bytes = docs.encode(id, next);
      try {
        Chunks.Written w = docs.chunks().write(id, base.pointer.generation() + 1, bytes);
        Pointer swapped = base.pointer.next(w, docs.retainedGenerations());
        try {
          docs.store().update(tx -> {
            Pointer current = docs.pointer(tx, id).orElseThrow(this::notFound);
            if (!current.sameState(base.pointer)) {
              throw new Stale();
            }
            if (!docs.chunks().complete(tx, id, w)) {
              throw new Chunks.AttemptLost(id);
            }
            tx.update(docs.pointers(), id, swapped.encode());
            operator.commit(tx, next);
          });
        } catch (RuntimeException notSwapped) {
          docs.chunks().abandon(id, w); // never swapped in: the next clean may remove it at once
          throw notSwapped;
        }
        cache = new Loaded<>(swapped, next);
      } catch (Stale | Chunks.AttemptLost e) {
        if (attempt < attempts) {
          pause(attempt);
        }
        continue;
      }
      operator.finish(next);
      return base.pointer.generation() + 1;
    }
    throw new TransactionConflictException("document " + name() + ": another writer committed first on all "
        + attempts + " attempts of the run");
  }

  /** Drops the cached state: its document was deleted. */
  void forget() {
    cache = null;
  }

  /** Primes the cache with a state just written. */
  void remember(Pointer pointer, T value) {
    cache = new Loaded<>(pointer, value);
  }

  private Loaded<T> load() {
    Loaded<T> loaded = loadOrNull();
    if (loaded == null) {
      throw notFound();
    }
    return loaded;
  }

  /** Loads the current state, from the cache if its generation is current; null if the document is absent. */
  private Loaded<T> loadOrNull() {
    Pointer missing = null;
    int attempts = docs.maxAttempts();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Pointer p = readPointer().orElse(null);
      if (p == null) {
        return null;
      }
      Loaded<T> cached = cache;
      if (cached != null && cached.pointer.sameState(p)) {
        return cached;
      }
      byte[] bytes = docs.chunks().read(id, p);
      if (bytes == null) {
        if (missing != null && missing.sameState(p)) {
          throw new CorruptedException("document " + name() + " generation " + p.generation()
              + " is damaged: a chunk of its current state is missing");
        }
        missing = p; // removed by a clean or a delete after we read the pointer: read it again
        continue;
      }
      Loaded<T> fresh = new Loaded<>(p, decode(p, bytes));
      cache = fresh;
      return fresh;
    }
    throw new TransactionConflictException("document " + name() + ": chunks vanished under all " + attempts
        + " attempts to load it");
  }

  private T decode(Pointer p, byte[] bytes) {
    T value;
    try {
      value = docs.codec().decode(bytes);
    } catch (RuntimeException e) {
      throw new CorruptedException("document " + name() + " generation " + p.generation() + " cannot be decoded by "
          + docs.codec() + ": " + e.getMessage(), e);
    }
    if (value == null) {
      throw new CorruptedException("document " + name() + " generation " + p.generation() + ": codec "
          + docs.codec() + " decoded it as null");
    }
    return value;
  }

  private Optional<Pointer> readPointer() {
    return docs.store().view(tx -> docs.pointer(tx, id));
  }

  private NotFoundException notFound() {
    return new NotFoundException("document " + name() + " does not exist");
  }

  private String name() {
    return docs.kind() + "/" + id;
  }

  /** Backs off before try {@code attempt + 1}: full jitter, doubling from 0.2 ms up to 50 ms. */
  static void pause(int attempt) {
    long ceiling = Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(attempt - 1, 20));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while backing off a document run");
    }
  }

  @Override
  public String toString() {
    return "Document{" + name() + "}";
  }
}
