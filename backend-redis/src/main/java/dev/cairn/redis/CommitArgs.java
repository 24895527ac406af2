package dev.cairn.redis;

import static dev.cairn.redis.Packing.number;
import static dev.cairn.redis.Packing.utf8;

import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.util.ArrayList;
import java.util.List;

/** Lays a {@link CommitRequest} out as the arguments of {@code commit.lua}. Stateless. */
final class CommitArgs {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] VERSION = utf8("v");
  private static final byte[] UNCHANGED = utf8("c");
  private static final byte[] KEY_FREE = utf8("k");
  private static final byte[] PUT = utf8("p");
  private static final byte[] DELETE = utf8("d");

  private CommitArgs() {}

  static byte[][] of(CommitRequest request, byte[] retention, byte[] tokensKept) {
    List<byte[]> args = new ArrayList<>(5 + 4 * request.preconditions().size() + 5 * request.writes().size());
    args.add(utf8(request.token()));
    args.add(retention);
    args.add(tokensKept);
    args.add(number(request.preconditions().size()));
    for (Precondition p : request.preconditions()) {
      if (p instanceof Precondition.RecordVersion v) {
        args.add(VERSION);
        args.add(utf8(v.collection()));
        args.add(utf8(v.id()));
        args.add(number(v.modRevision()));
      } else if (p instanceof Precondition.CollectionUnchanged c) {
        args.add(UNCHANGED);
        args.add(utf8(c.collection()));
        args.add(number(c.revision()));
      } else {
        Precondition.IndexKeyFree k = (Precondition.IndexKeyFree) p;
        args.add(KEY_FREE);
        args.add(utf8(k.collection()));
        args.add(utf8(k.index()));
        args.add(utf8(k.key()));
        args.add(number(k.allowedHolders().size()));
        for (String holder : k.allowedHolders()) {
          args.add(utf8(holder));
        }
      }
    }
    args.add(number(request.writes().size()));
    for (Write w : request.writes()) {
      args.add(utf8(w.collection()));
      args.add(utf8(w.id()));
      args.add(w.isDelete() ? DELETE : PUT);
      args.add(w.isDelete() ? EMPTY : w.value());
      args.add(w.isDelete() ? EMPTY : Packing.indexKeys(w.indexKeys()));
    }
    return args.toArray(new byte[0][]);
  }
}
