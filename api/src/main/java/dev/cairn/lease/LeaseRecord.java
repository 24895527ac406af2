package dev.cairn.lease;

import dev.cairn.Codec;
import dev.cairn.Entry;
import dev.cairn.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stored value of a lease: its holder, its token and its expiry.
 *
 * @param owner the holder
 * @param storedToken the fencing token, or {@link #TOKEN_OF_THIS_WRITE} when the token is the
 *     revision of the write that stored this value (the acquisition, which cannot know its own
 *     commit revision); renewals store the token itself, so it survives their new revisions
 * @param expiresAtMillis the expiry by the backend's clock
 */
record LeaseRecord(String owner, long storedToken, long expiresAtMillis) {
  static final long TOKEN_OF_THIS_WRITE = 0;

  static final Schema<LeaseRecord> SCHEMA = Schema.of(Leases.COLLECTION, new LeaseCodec());

  /** Returns the fencing token of the holding stored in {@code entry}. */
  static long tokenOf(Entry<LeaseRecord> entry) {
    long stored = entry.value().storedToken;
    return stored == TOKEN_OF_THIS_WRITE ? entry.modRevision() : stored;
  }

  /** Encodes a lease as a format byte, the token, the expiry and the owner in UTF-8. */
  private static final class LeaseCodec implements Codec<LeaseRecord> {
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    @Override
    public byte[] encode(LeaseRecord value) {
      byte[] owner = value.owner.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(HEADER + owner.length)
          .put(FORMAT).putLong(value.storedToken).putLong(value.expiresAtMillis).put(owner).array();
    }

    @Override
    public LeaseRecord decode(byte[] bytes) {
      if (bytes.length <= HEADER) {
        throw new IllegalArgumentException("lease record is " + bytes.length + " bytes; at least "
            + (HEADER + 1) + " expected");
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
