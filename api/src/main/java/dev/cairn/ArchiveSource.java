package dev.cairn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An archive that can be read more than once: an import reads it twice, once to verify it whole
 * and once to write. Each {@link #open()} must return the same bytes from the start.
 */
@FunctionalInterface
public interface ArchiveSource {

  /**
   * Opens the archive from its first byte; the caller closes the stream.
   *
   * @return a new stream, never null
   * @throws IOException if the archive cannot be opened
   */
  InputStream open() throws IOException;

  /** Returns the archive's size in bytes if known (for progress), else empty. */
  default OptionalLong size() {
    return OptionalLong.empty();
  }

  /** Returns the archive in {@code file}; its size is the file's. */
  static ArchiveSource of(Path file) {
    Objects.requireNonNull(file, "file");
    return new ArchiveSource() {
      @Override public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override public OptionalLong size() {
        try {
          return OptionalLong.of(Files.size(file));
        } catch (IOException e) {
          return OptionalLong.empty();
        }
      }

      @Override public String toString() {
        return file.toString();
      }
    };
  }

  /** Returns the archive held in {@code bytes} (not copied: do not modify it while in use). */
  static ArchiveSource of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new ArchiveSource() {
      @Override public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }

      @Override public OptionalLong size() {
        return OptionalLong.of(bytes.length);
      }

      @Override public String toString() {
        return "archive of " + bytes.length + " bytes";
      }
    };
  }
}
