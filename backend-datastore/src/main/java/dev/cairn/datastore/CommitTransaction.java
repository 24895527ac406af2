package dev.cairn.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import dev.cairn.ChangeType;
import dev.cairn.TooLargeException;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IndexKeys;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One attempt at a commit, as one Datastore transaction: one lookup of the root, the token and
 * every record, collection and name the request names; then, if every precondition holds, one
 * commit that writes the records, the names they take and release, the collections' revisions,
 * the root's new revision, the commit entity with its changes and the token. The
 * root is read and written by every commit, so a namespace's commits are ordered without gaps:
 * a transaction that read it before another committed aborts. Not thread-safe: one per attempt.
 */
final class CommitTransaction {
  /** An entity holds at most this many bytes, key and property names included. */
  static final long MAX_ENTITY_BYTES = 1_048_572;
  private static final int ENTITY_OVERHEAD = 256;
  /** Datastore looks up at most this many keys per request. */
  static final int MAX_LOOKUP_KEYS = 1000;
  /**
   * What a write adds to a request besides its value and index keys: the keys and properties of
   * its record and change entities, and of the name entities it puts and deletes.
   */
  static final int WRITE_ROOM = 2 * ENTITY_OVERHEAD + 1024;

  /** What an attempt ended with. */
  record Outcome(long revision, Precondition failed, boolean tokenDead) {}

  private final Datastore datastore;
  private final Layout layout;
  private final String namespace;
  private final CommitRequest request;
  private final Key root;
  private boolean commitSent;

  CommitTransaction(Datastore datastore, Layout layout, String namespace, CommitRequest request) {
    this.datastore = datastore;
    this.layout = layout;
    this.namespace = namespace;
    this.request = request;
    this.root = layout.root(namespace);
  }

  /**
   * Checks that the commit fits Datastore's limits before anything is sent.
   *
   * @throws TooLargeException naming the record or the total that does not fit
   */
  static void checkSize(String namespace, CommitRequest request, long maxRequestBytes) {
    long total = 0;
    for (Write w : request.writes()) {
      total += WRITE_ROOM;
      if (w.isDelete()) {
        continue;
      }
      long bytes = w.value().length + indexBytes(w) + ENTITY_OVERHEAD
          + w.id().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_ENTITY_BYTES) {
        throw new TooLargeException("record " + w.collection() + "/" + w.id() + " in namespace " + namespace
            + " needs an entity of about " + bytes + " bytes (value " + w.value().length
            + " bytes, index keys included); Datastore's limit is " + MAX_ENTITY_BYTES);
      }
      total += 2 * (bytes - ENTITY_OVERHEAD);
    }
    if (total > maxRequestBytes) {
      throw new TooLargeException("commit of " + request.writes().size() + " writes to namespace " + namespace
          + " needs a request of about " + total + " bytes (each value is kept twice: the record and its change);"
          + " the limit is " + maxRequestBytes + " per commit: split it");
    }
  }

  private static long indexBytes(Write w) {
    long bytes = 0;
    for (Map.Entry<String, Set<String>> e : w.indexKeys().entrySet()) {
      for (String key : e.getValue()) {
        // the encoded keys blob and the indexed entry both hold each key
        bytes += 2L * (e.getKey().length() + key.getBytes(StandardCharsets.UTF_8).length + 8);
      }
    }
    return bytes;
  }

  /** Whether the attempt sent its commit request: from then on, a lost answer leaves the outcome unknown. */
  boolean commitSent() {
    return commitSent;
  }

  /**
   * Runs the attempt; Datastore's exceptions pass through for the caller to classify.
   *
   * @param rollbacks ends a transaction that only read, off the caller's path: the namespace's
   *     next commit need not wait for it
   */
  Outcome run(Consumer<Transaction> rollbacks) {
    Transaction tx = datastore.newTransaction();
    try {
      Outcome outcome = attempt(tx);
      if (tx.isActive()) {
        rollbacks.accept(tx); // it only read: a failed precondition, or a token already there
      }
      return outcome;
    } catch (RuntimeException e) {
      DatastoreBackend.rollbackQuietly(tx);
      throw e;
    }
  }

  private Outcome attempt(Transaction tx) {
    Map<String, Key> collections = new LinkedHashMap<>();
    Map<Key, Integer> at = new HashMap<>();
    List<Key> keys = new ArrayList<>();
    keys.add(root);
    keys.add(layout.token(root, request.token()));
    for (Write w : request.writes()) {
      add(keys, at, layout.record(collection(collections, w.collection()), w.id()));
    }
    for (Precondition p : request.preconditions()) {
      if (p instanceof Precondition.RecordVersion) {
        Precondition.RecordVersion v = (Precondition.RecordVersion) p;
        add(keys, at, layout.record(collection(collections, v.collection()), v.id()));
      } else if (p instanceof Precondition.CollectionUnchanged) {
        add(keys, at, collection(collections, p.collection()));
      } else if (isName(p)) {
        Precondition.IndexKeyFree free = (Precondition.IndexKeyFree) p;
        add(keys, at, layout.name(collection(collections, free.collection()), free.key()));
      }
    }
    List<Entity> found = DatastoreBackend.fetch(tx, keys); // at most MAX_LOOKUP_KEYS per request
    Entity token = found.get(1);
    if (token != null) {
      long revision = Entities.number(token, Layout.REVISION);
      return new Outcome(revision, null, revision == 0);
    }
    for (Precondition p : request.preconditions()) {
      boolean holds = p instanceof Precondition.IndexKeyFree && !isName(p)
          ? isFree(tx, (Precondition.IndexKeyFree) p) : holds(p, collections, found, at);
      if (!holds) {
        return new Outcome(0, p, false);
      }
    }
    long revision = Entities.number(found.get(0), Layout.REVISION) + 1;
    Key commitKey = layout.commit(root, revision);
    List<Entity> puts = new ArrayList<>();
    List<Key> deletes = new ArrayList<>();
    int changes = 0;
    Set<String> written = new LinkedHashSet<>();
    Map<Key, String> nameHolders = new LinkedHashMap<>();
    for (Write w : request.writes()) {
      written.add(w.collection());
      Key key = layout.record(collections.get(w.collection()), w.id());
      Entity old = found.get(at.get(key));
      renamed(nameHolders, collections.get(w.collection()), w, old);
      Change change;
      if (w.isDelete()) {
        if (old == null) {
          continue;
        }
        deletes.add(key);
        change = new Change(revision, ChangeType.DELETE, w.collection(), w.id(), null,
            Entities.number(old, Layout.CREATED), Entities.number(old, Layout.MODIFIED));
      } else {
        long created = old == null ? revision : Entities.number(old, Layout.CREATED);
        puts.add(Entities.record(key, w.value(), created, revision, w.indexKeys()));
        change = new Change(revision, old == null ? ChangeType.CREATE : ChangeType.UPDATE, w.collection(), w.id(),
            w.value(), created, old == null ? 0 : Entities.number(old, Layout.MODIFIED), w.indexKeys());
      }
      puts.add(Entities.change(layout.change(commitKey, ++changes), change));
    }
    for (String c : written) {
      puts.add(Entities.withNumber(collections.get(c), Layout.REVISION, revision));
    }
    nameHolders.forEach((name, holder) -> {
      if (holder == null) {
        deletes.add(name);
      } else {
        puts.add(Entities.name(name, holder));
      }
    });
    puts.add(Entities.withNumber(root, Layout.REVISION, revision));
    puts.add(Entities.commit(commitKey, request.token(), changes));
    puts.add(Entities.withNumber(layout.token(root, request.token()), Layout.REVISION, revision));
    if (!deletes.isEmpty()) {
      tx.delete(deletes.toArray(new Key[0]));
    }
    tx.put(puts.toArray(new Entity[0]));
    commitSent = true;
    tx.commit();
    return new Outcome(revision, null, false);
  }

  private static boolean isName(Precondition p) {
    return p instanceof Precondition.IndexKeyFree && ((Precondition.IndexKeyFree) p).index().equals(IndexKeys.NAME_INDEX);
  }

  /**
   * Notes in {@code holders} what a write does to the name entities: the record's old name is
   * released unless it keeps it, its new name taken. A name that one write releases and another
   * takes ends up taken, whatever the order of the writes.
   */
  private void renamed(Map<Key, String> holders, Key collection, Write w, Entity old) {
    String was = old == null ? null : nameOf(Entities.indexKeys(old));
    String is = w.isDelete() ? null : nameOf(w.indexKeys());
    if (was != null && !was.equals(is)) {
      holders.putIfAbsent(layout.name(collection, was), null);
    }
    if (is != null && !is.equals(was)) {
      holders.put(layout.name(collection, is), w.id());
    }
  }

  private static String nameOf(Map<String, Set<String>> indexKeys) {
    Set<String> name = indexKeys.get(IndexKeys.NAME_INDEX);
    return name == null || name.isEmpty() ? null : name.iterator().next();
  }

  private Key collection(Map<String, Key> collections, String collection) {
    return collections.computeIfAbsent(collection, c -> layout.collection(root, c));
  }

  private static void add(List<Key> keys, Map<Key, Integer> at, Key key) {
    if (!at.containsKey(key)) {
      at.put(key, keys.size());
      keys.add(key);
    }
  }

  private boolean holds(Precondition p, Map<String, Key> collections, List<Entity> found, Map<Key, Integer> at) {
    Key collection = collections.get(p.collection());
    if (p instanceof Precondition.RecordVersion) {
      Precondition.RecordVersion v = (Precondition.RecordVersion) p;
      Entity record = found.get(at.get(layout.record(collection, v.id())));
      return Entities.number(record, Layout.MODIFIED) == v.modRevision();
    }
    if (isName(p)) {
      Precondition.IndexKeyFree free = (Precondition.IndexKeyFree) p;
      String holder = Entities.holder(found.get(at.get(layout.name(collection, free.key()))));
      return holder == null || free.allowedHolders().contains(holder);
    }
    Entity c = found.get(at.get(collection));
    return Entities.number(c, Layout.REVISION) <= ((Precondition.CollectionUnchanged) p).revision();
  }

  private boolean isFree(Transaction tx, Precondition.IndexKeyFree free) {
    Query<Key> holders = Query.newKeyQueryBuilder()
        .setNamespace(namespace)
        .setKind(Layout.RECORD)
        .setFilter(CompositeFilter.and(PropertyFilter.hasAncestor(layout.collection(root, free.collection())),
            PropertyFilter.eq(Layout.INDEX_ENTRIES, Layout.indexEntry(free.index(), free.key()))))
        .setLimit(free.allowedHolders().size() + 1)
        .build();
    QueryResults<Key> results = tx.run(holders);
    while (results.hasNext()) {
      if (!free.allowedHolders().contains(Layout.id(results.next()))) {
        return false;
      }
    }
    return true;
  }
}
