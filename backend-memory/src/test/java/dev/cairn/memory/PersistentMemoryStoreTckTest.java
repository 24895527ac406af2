package dev.cairn.memory;

import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK against journaled memory stores, each in a fresh directory. */
class PersistentMemoryStoreTckTest extends StoreTck {
  /** Holds every store's directory; JUnit deletes it after the class's last test. */
  @TempDir
  static Path root;

  @Override
  protected StoreFactory factory() {
    return StoreFactory.ofUris(options -> {
      try {
        return new StoreFactory.UriAndOptions("memory:" + Files.createTempDirectory(root, "store"), options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
