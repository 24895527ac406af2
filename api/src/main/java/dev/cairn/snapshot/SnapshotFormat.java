package dev.cairn.snapshot;

import dev.cairn.CorruptedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A registry of the versioned binary formats of one value type: every registered version has a
 * reader and an upgrade step to the next version, and the newest has the writer. Writing always
 * produces the newest version behind a checksummed header (below); reading
 * accepts every registered version and upgrades it step by step to the newest.
 *
 * <pre>{@code
 * SnapshotFormat<StateV2> format = SnapshotFormat.named("scheduler")
 *     .first(1, StateV1::decode)
 *     .then(2, StateV1::toV2, StateV2::decode)
 *     .writer(StateV2::encode);
 * }</pre>
 *
 * <p>A snapshot is a header followed by the payload the writer produced; every integer is
 * big-endian:
 *
 * <pre>
 * offset  size  field
 * 0       4     magic "CSNP" (0x43 0x53 0x4E 0x50)
 * 4       1     header version, 1
 * 5       1     n, the UTF-8 length of the format name
 * 6       n     the format name
 * 6+n     4     the value version
 * 10+n    8     the payload length
 * 18+n    4     CRC32C of the payload
 * 22+n    4     CRC32C of the header bytes before this field
 * 26+n          the payload
 * </pre>
 *
 * <p>Anything else is rejected with {@link CorruptedException} naming what was wrong: empty
 * input, a truncated header or payload (with the expected and actual byte counts), bad magic, a
 * bad header or payload checksum, an unknown version (with the known ones), another format's
 * name, trailing bytes, and a reader or upgrade step that throws or returns null. Reading never
 * returns null.
 *
 * <p>Immutable and thread-safe when the functions it holds are (they should be pure).
 *
 * @param <T> the value type of the newest version
 */
public final class SnapshotFormat<T> {
  /** The rule of format names; with the prefix {@value Snapshots#COLLECTION_PREFIX} they form a valid collection name. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,51}");

  private final String name;
  private final List<Step> steps;
  private final Function<Object, byte[]> writer;
  private final Set<Integer> versions;

  private SnapshotFormat(String name, List<Step> steps, Function<Object, byte[]> writer) {
    this.name = name;
    this.steps = steps;
    this.writer = writer;
    Set<Integer> known = new TreeSet<>();
    for (Step s : steps) {
      known.add(s.version);
    }
    this.versions = Collections.unmodifiableSet(known);
  }

  /**
   * Starts a format.
   *
   * @param name the format name, {@code [a-z][a-z0-9_-]{0,51}}; written in every header, so a
   *     snapshot of another format is rejected, and naming the collection of {@link Snapshots}
   * @return the first step of the builder chain, never null; immutable
   * @throws InvalidArgumentException if the name is null or breaks the rule
   */
  public static Named named(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidArgumentException("snapshot format name " + (name == null ? "null" : "'" + name + "'")
          + " does not match [a-z][a-z0-9_-]{0,51}");
    }
    return new Named(name);
  }

  /** Returns the format name, never null. */
  public String name() {
    return name;
  }

  /** Returns the newest version, the one {@link #write} produces. */
  public int latestVersion() {
    return steps.get(steps.size() - 1).version;
  }

  /** Returns every version {@link #read} accepts, in increasing order; unmodifiable, never null. */
  public Set<Integer> versions() {
    return versions;
  }

  /**
   * Encodes a value as a snapshot of the newest version.
   *
   * @param value the value, never null
   * @return the header and the payload, never null; the caller owns the array
   * @throws NullPointerException if the value is null
   * @throws InvalidArgumentException if the writer returned null
   * @throws TooLargeException if the snapshot would not fit in a Java array
   * @throws RuntimeException whatever the writer threw, unchanged
   */
  public byte[] write(T value) {
    byte[] payload = payloadOf(value);
    byte[] header = SnapshotHeader.encode(name, latestVersion(), payload);
    if (payload.length > Integer.MAX_VALUE - 16 - header.length) {
      throw new TooLargeException("snapshot of format '" + name + "' has a payload of " + payload.length
          + " bytes; with its header it does not fit in one array");
    }
    byte[] out = new byte[header.length + payload.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(payload, 0, out, header.length, payload.length);
    return out;
  }

  /**
   * Writes a value as a snapshot of the newest version to a stream. The stream is neither flushed
   * nor closed.
   *
   * @param value the value, never null
   * @param out the stream, never null
   * @throws NullPointerException if an argument is null
   * @throws InvalidArgumentException if the writer returned null
   * @throws UncheckedIOException if the stream failed
   * @throws RuntimeException whatever the writer threw, unchanged
   */
  public void write(T value, OutputStream out) {
    Objects.requireNonNull(out, "out");
    byte[] payload = payloadOf(value);
    try {
      out.write(SnapshotHeader.encode(name, latestVersion(), payload));
      out.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a snapshot of format '" + name + "'", e);
    }
  }

  /**
   * Decodes a snapshot of any registered version and upgrades it to the newest.
   *
   * @param snapshot the whole snapshot, never null; not modified and not kept
   * @return the value, never null
   * @throws NullPointerException if the snapshot is null
   * @throws CorruptedException if the bytes are not a sound snapshot of a known version of this
   *     format, or a reader or upgrade step threw or returned null
   */
  public T read(byte[] snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    SnapshotHeader header = SnapshotHeader.parse(snapshot, name);
    int index = indexOf(header.version());
    long end = (long) header.length() + header.payloadLength();
    if (snapshot.length < end) {
      throw new CorruptedException("truncated payload of format '" + name + "': expected " + header.payloadLength()
          + " bytes at offset " + header.length() + ", got " + (snapshot.length - header.length()));
    }
    if (snapshot.length > end) {
      throw new CorruptedException((snapshot.length - end) + " trailing bytes at offset " + end
          + " after the snapshot of format '" + name + "'");
    }
    byte[] payload = java.util.Arrays.copyOfRange(snapshot, header.length(), (int) end);
    return decode(header, index, payload);
  }

  /**
   * Reads a snapshot from a stream to its end, then decodes and upgrades it like
   * {@link #read(byte[])}. The stream must end right after the snapshot; it is not closed.
   *
   * @param in the stream, never null
   * @return the value, never null
   * @throws NullPointerException if the stream is null
   * @throws CorruptedException as {@link #read(byte[])}, including bytes after the snapshot
   * @throws UncheckedIOException if the stream failed
   */
  public T read(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      SnapshotHeader header = SnapshotHeader.read(in, name);
      int index = indexOf(header.version());
      if (header.payloadLength() > Integer.MAX_VALUE - 16) {
        throw new CorruptedException("payload length " + header.payloadLength() + " at offset "
            + (header.length() - 16) + " of format '" + name + "' exceeds the largest readable payload");
      }
      int length = (int) header.payloadLength();
      byte[] payload = in.readNBytes(length); // grows as bytes arrive, so a short stream allocates little
      if (payload.length < length) {
        throw new CorruptedException("truncated payload of format '" + name + "': expected " + length
            + " bytes at offset " + header.length() + ", got " + payload.length);
      }
      if (in.read() != -1) {
        throw new CorruptedException("trailing bytes at offset " + (header.length() + length)
            + " after the snapshot of format '" + name + "'");
      }
      return decode(header, index, payload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a snapshot of format '" + name + "'", e);
    }
  }

  /** Returns the value version in a snapshot's header, after checking the header (not the payload). */
  int versionOf(byte[] snapshot) {
    return SnapshotHeader.parse(snapshot, name).version();
  }

  @Override
  public String toString() {
    return "SnapshotFormat{" + name + ", versions=" + versions + "}";
  }

  private byte[] payloadOf(T value) {
    Objects.requireNonNull(value, "value");
    byte[] payload = writer.apply(value);
    if (payload == null) {
      throw new InvalidArgumentException("the writer of format '" + name + "' version " + latestVersion()
          + " returned null");
    }
    return payload;
  }

  /** Checks the payload of the version at {@code index}, then runs the version's reader and every upgrade step after it. */
  @SuppressWarnings("unchecked")
  private T decode(SnapshotHeader header, int index, byte[] payload) {
    int crc = SnapshotHeader.crc(payload, 0, payload.length);
    if (crc != header.payloadCrc()) {
      throw new CorruptedException(String.format("bad payload checksum of format '%s' version %d: header says"
          + " %08x, the %d payload bytes at offset %d have %08x", name, header.version(), header.payloadCrc(),
          payload.length, header.length(), crc));
    }
    Step step = steps.get(index);
    Object value;
    try {
      value = step.reader.apply(payload);
    } catch (RuntimeException e) {
      throw new CorruptedException("the reader of format '" + name + "' version " + step.version
          + " failed on " + payload.length + " payload bytes: " + e, e);
    }
    if (value == null) {
      throw new CorruptedException("the reader of format '" + name + "' version " + step.version + " returned null");
    }
    for (int i = index; i + 1 < steps.size(); i++) {
      Step next = steps.get(i + 1);
      try {
        value = next.upgrade.apply(value);
      } catch (RuntimeException e) {
        throw new CorruptedException("upgrading format '" + name + "' from version " + steps.get(i).version
            + " to " + next.version + " failed: " + e, e);
      }
      if (value == null) {
        throw new CorruptedException("upgrading format '" + name + "' from version " + steps.get(i).version
            + " to " + next.version + " returned null");
      }
    }
    return (T) value;
  }

  private int indexOf(int version) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).version == version) {
        return i;
      }
    }
    throw new CorruptedException("unknown version " + version + " of format '" + name + "'; known versions: "
        + versions);
  }

  /** One registered version: its reader and the upgrade from the version before (null for the first). */
  private static final class Step {
    final int version;
    final Function<byte[], ?> reader;
    final Function<Object, ?> upgrade;

    Step(int version, Function<byte[], ?> reader, Function<Object, ?> upgrade) {
      this.version = version;
      this.reader = reader;
      this.upgrade = upgrade;
    }
  }

  /**
   * The start of the builder chain: a named format without versions yet. Immutable and
   * thread-safe.
   */
  public static final class Named {
    private final String name;

    private Named(String name) {
      this.name = name;
    }

    /**
     * Registers the oldest version.
     *
     * @param version a positive version number
     * @param reader decodes a payload of this version; may throw on malformed bytes, never returns null
     * @return the chain with one version, never null; immutable
     * @throws InvalidArgumentException if the version is not positive
     * @throws NullPointerException if the reader is null
     */
    public <V> Versions<V> first(int version, Function<byte[], ? extends V> reader) {
      if (version < 1) {
        throw new InvalidArgumentException("version " + version + " of snapshot format '" + name
            + "' must be positive");
      }
      Objects.requireNonNull(reader, "reader");
      return new Versions<>(name, List.of(new Step(version, reader, null)));
    }
  }

  /**
   * The builder chain after one or more versions; {@code V} is the value type of the newest so far.
   * Immutable and thread-safe: each call returns a new chain, so one prefix may be extended twice.
   *
   * @param <V> the value type of the newest version registered so far
   */
  public static final class Versions<V> {
    private final String name;
    private final List<Step> steps;

    private Versions(String name, List<Step> steps) {
      this.name = name;
      this.steps = steps;
    }

    /**
     * Registers the next version.
     *
     * @param version a version number greater than every one registered before
     * @param upgrade turns a value of the previous version into one of this version; never returns null
     * @param reader decodes a payload of this version; may throw on malformed bytes, never returns null
     * @return a new chain whose newest version is this one, never null
     * @throws InvalidArgumentException if the version is not greater than the previous one
     * @throws NullPointerException if a function is null
     */
    @SuppressWarnings("unchecked")
    public <W> Versions<W> then(int version, Function<? super V, ? extends W> upgrade,
        Function<byte[], ? extends W> reader) {
      int previous = steps.get(steps.size() - 1).version;
      if (version <= previous) {
        throw new InvalidArgumentException("version " + version + " of snapshot format '" + name
            + "' must be greater than the previous version " + previous);
      }
      Objects.requireNonNull(upgrade, "upgrade");
      Objects.requireNonNull(reader, "reader");
      List<Step> more = new ArrayList<>(steps);
      more.add(new Step(version, reader, (Function<Object, ?>) upgrade));
      return new Versions<>(name, List.copyOf(more));
    }

    /**
     * Completes the format with the writer of the newest version.
     *
     * @param writer encodes a value as a payload of the newest version; never returns null
     * @return the format, never null; immutable
     * @throws NullPointerException if the writer is null
     */
    @SuppressWarnings("unchecked")
    public SnapshotFormat<V> writer(Function<? super V, byte[]> writer) {
      Objects.requireNonNull(writer, "writer");
      return new SnapshotFormat<>(name, steps, (Function<Object, byte[]>) writer);
    }
  }
}
