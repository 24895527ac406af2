package dev.cairn.tck;

import dev.cairn.snapshot.SnapshotFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The values of the Snapshots area: a scheduler state in two versions, and their formats. Version 1
 * holds a name and a count as a length-prefixed UTF-8 name then the count; version 2 adds an owner
 * and is encoded as text lines. The v1 files under {@code snapshots/} were written once with
 * {@link #V1} and are kept as they are.
 */
final class SnapshotStates {
  /** The name both formats share, so each reads the other's snapshots. */
  static final String FORMAT_NAME = "tck-state";
  /** The owner an upgraded version 1 state gets. */
  static final String DEFAULT_OWNER = "unowned";

  /** The first version: a name and a count. */
  record StateV1(String name, long count) {
    StateV1 {
      Objects.requireNonNull(name, "name");
    }

    byte[] encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeLong(count);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    static StateV1 decode(byte[] bytes) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        int length = in.readInt();
        if (length < 0 || length > bytes.length) {
          throw new IllegalArgumentException("name length " + length + " of " + bytes.length + " bytes");
        }
        String name = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        long count = in.readLong();
        if (in.read() != -1) {
          throw new IllegalArgumentException("bytes after the count");
        }
        return new StateV1(name, count);
      } catch (IOException e) {
        throw new IllegalArgumentException("not a v1 state: " + e, e);
      }
    }

    StateV2 toV2() {
      return new StateV2(name, count, DEFAULT_OWNER);
    }
  }

  /** The second version: adds the owner. */
  record StateV2(String name, long count, String owner) {
    StateV2 {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(owner, "owner");
    }

    byte[] encode() {
      return (count + "\n" + owner.length() + "\n" + owner + name).getBytes(StandardCharsets.UTF_8);
    }

    static StateV2 decode(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int first = text.indexOf('\n');
      int second = text.indexOf('\n', first + 1);
      if (first < 0 || second < 0) {
        throw new IllegalArgumentException("not a v2 state: missing lines");
      }
      int ownerLength = Integer.parseInt(text.substring(first + 1, second));
      String rest = text.substring(second + 1);
      if (ownerLength < 0 || ownerLength > rest.length()) {
        throw new IllegalArgumentException("not a v2 state: owner length " + ownerLength);
      }
      return new StateV2(rest.substring(ownerLength), Long.parseLong(text.substring(0, first)),
          rest.substring(0, ownerLength));
    }
  }

  /** The format as it was when only version 1 existed; it wrote the committed files. */
  static final SnapshotFormat<StateV1> V1 = SnapshotFormat.named(FORMAT_NAME)
      .first(1, StateV1::decode)
      .writer(StateV1::encode);

  /** Today's format: reads versions 1 and 2, writes 2. */
  static final SnapshotFormat<StateV2> V2 = SnapshotFormat.named(FORMAT_NAME)
      .first(1, StateV1::decode)
      .then(2, StateV1::toV2, StateV2::decode)
      .writer(StateV2::encode);

  /** The committed version 1 files, under {@code dev/cairn/tck/snapshots/}, and the states they hold. */
  enum V1File {
    BASIC("v1-basic.snap", new StateV1("alpha", 3)),
    UNICODE("v1-unicode.snap", new StateV1("Zürich-東京-\uD83D\uDE80", 42)),
    EMPTY_NAME("v1-empty-name.snap", new StateV1("", 0)),
    EXTREME_COUNT("v1-extreme-count.snap", new StateV1("min", Long.MIN_VALUE));

    final String fileName;
    final StateV1 state;

    V1File(String fileName, StateV1 state) {
      this.fileName = fileName;
      this.state = state;
    }

    /** Returns the committed bytes. */
    byte[] bytes() {
      try (var in = SnapshotStates.class.getResourceAsStream("snapshots/" + fileName)) {
        if (in == null) {
          throw new AssertionError("the TCK resource dev/cairn/tck/snapshots/" + fileName + " is missing");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SnapshotStates() {}
}
