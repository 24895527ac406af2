package dev.cairn.memory;

import dev.cairn.spi.StoredRecord;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The payloads of journal entries: a commit in a log; a namespace, record or end in a snapshot. */
final class Payloads {
  static final int COMMIT = 1;
  static final int NAMESPACE = 2;
  static final int RECORD = 3;
  static final int END = 4;

  private Payloads() {}

  /** One commit of one namespace, as logged. */
  record Commit(String namespace, long revision, String token, List<Write> writes) {}

  /** The start of a namespace in a snapshot: its revision and how many records follow. */
  record Namespace(String name, long revision, long records) {}

  /** The end of a snapshot, with totals that prove nothing is missing. */
  record End(long namespaces, long records) {}

  static void putCommit(Bytes.Writer w, String namespace, long revision, String token, List<Write> writes) {
    w.putByte(COMMIT).putString(namespace).putLong(revision).putString(token).putInt(writes.size());
    for (Write write : writes) {
      w.putString(write.collection()).putString(write.id());
      if (write.isDelete()) {
        w.putByte(0);
      } else {
        w.putByte(1).putBytes(write.value()).putIndexKeys(write.indexKeys());
      }
    }
  }

  static void putNamespace(Bytes.Writer w, String name, long revision, long records) {
    w.putByte(NAMESPACE).putString(name).putLong(revision).putLong(records);
  }

  static void putRecord(Bytes.Writer w, StoredRecord r, Map<String, Set<String>> indexKeys) {
    w.putByte(RECORD).putString(r.collection()).putString(r.id()).putLong(r.createRevision())
        .putLong(r.modRevision()).putBytes(r.value()).putIndexKeys(indexKeys);
  }

  static void putEnd(Bytes.Writer w, long namespaces, long records) {
    w.putByte(END).putLong(namespaces).putLong(records);
  }

  /**
   * Decodes a payload into a {@link Commit}, {@link Namespace}, {@link End} or a record
   * ({@link RecordWithKeys}).
   *
   * @throws Bytes.MalformedException if it does not decode
   */
  static Object decode(byte[] payload) {
    Bytes.Reader r = new Bytes.Reader(payload);
    int kind = r.getByte();
    Object out;
    switch (kind) {
      case COMMIT: {
        String namespace = r.getString();
        long revision = r.getLong();
        String token = r.getString();
        int count = r.getCount();
        List<Write> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          String collection = r.getString();
          String id = r.getString();
          int flag = r.getByte();
          if (flag > 1) {
            throw new Bytes.MalformedException("bad write flag " + flag);
          }
          writes.add(flag == 1 ? new Write(collection, id, r.getBytes(), r.getIndexKeys()) : new Write(collection, id, null, Map.of()));
        }
        out = new Commit(namespace, revision, token, writes);
        break;
      }
      case NAMESPACE:
        out = new Namespace(r.getString(), r.getLong(), r.getLong());
        break;
      case RECORD: {
        String collection = r.getString();
        String id = r.getString();
        long created = r.getLong();
        long modified = r.getLong();
        out = new RecordWithKeys(new StoredRecord(collection, id, r.getBytes(), created, modified), r.getIndexKeys());
        break;
      }
      case END:
        out = new End(r.getLong(), r.getLong());
        break;
      default:
        throw new Bytes.MalformedException("unknown entry kind " + kind);
    }
    r.end();
    return out;
  }

  /** A record of a snapshot with its index keys. */
  record RecordWithKeys(StoredRecord record, Map<String, Set<String>> indexKeys) {}
}
