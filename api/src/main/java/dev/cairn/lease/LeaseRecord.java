package dev.cairn.lease;

import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stored value of a lease: its holder, its token and its expiry. The token is stored, never
 * derived from the record's revision, so it survives an export and import (which renumber
 * revisions); a released lease keeps its record, with no owner, so the next holder's token still
 * exceeds the last one.
 *
 * @param owner the holder, or empty for a released lease
 * @param token the fencing token of the holding (of the last holding, once released)
 * @param expiresAtMillis the expiry by the backend's clock (0 once released)
 */
record LeaseRecord(String owner, long token, long expiresAtMillis) {
  static final Schema<LeaseRecord> SCHEMA = Schema.of(Leases.COLLECTION, new LeaseCodec());

  /** Returns the record of a released lease: no owner, the last holding's token kept. */
  static LeaseRecord released(long lastToken) {
    return new LeaseRecord("", lastToken, 0);
  }

  /** Returns whether an owner holds the lease when the backend's clock reads {@code nowMillis}. */
  boolean isHeldAt(long nowMillis) {
    return !owner.isEmpty() && nowMillis < expiresAtMillis;
  }

  /** Encodes a lease as a format byte, the token, the expiry and the owner in UTF-8. */
  private static final class LeaseCodec implements Codec<LeaseRecord> {
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    @Override
    public byte[] encode(LeaseRecord value) {
      byte[] owner = value.owner.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(HEADER + owner.length)
          .put(FORMAT).putLong(value.token).putLong(value.expiresAtMillis).put(owner).array();
    }

    @Override
    public LeaseRecord decode(byte[] bytes) {
      if (bytes.length < HEADER) {
        throw new IllegalArgumentException("lease record is " + bytes.length + " bytes; at least "
            + HEADER + " expected");
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte format = in.get();
      if (format != FORMAT) {
        throw new IllegalArgumentException("lease record has unknown format " + format + " at byte offset 0");
      }
      long token = in.getLong();
      long expiresAt = in.getLong();
      String owner = new String(bytes, HEADER, bytes.length - HEADER, StandardCharsets.UTF_8);
      return new LeaseRecord(owner, token, expiresAt);
    }

    @Override
    public String toString() {
      return "LeaseCodec";
    }
  }
}
