package dev.cairn.cli;

import dev.cairn.Capabilities;
import dev.cairn.CompactedException;
import dev.cairn.memory.MemoryBackendProvider;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendProvider;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.Change;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.IdRange;
import dev.cairn.spi.IndexedScan;
import dev.cairn.spi.RecordRead;
import dev.cairn.spi.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A fresh in-memory backend under scheme {@code compacted:} whose revision advances at every look
 * while its change feed is always compacted, so a migration's follower has to catch up and fails. Reached through {@code --jar} of {@link #jar}, so that
 * it is not on the CLI's own class path (the scheme lists of other tests stay as they are).
 */
final class CompactedFeedBackend implements Backend {
  private final Backend delegate = new MemoryBackendProvider().open(new BackendUri("memory:", "memory"));
  private final AtomicLong looks = new AtomicLong();

  /** The provider that {@link #jar}'s service file names. */
  public static final class Provider implements BackendProvider {
    @Override public Set<String> schemes() {
      return Set.of("compacted");
    }

    @Override public Backend open(BackendUri uri) {
      return new CompactedFeedBackend();
    }
  }

  /** Writes, in {@code dir}, a jar holding only the service file naming {@link Provider}. */
  static Path jar(Path dir) throws IOException {
    Path jar = dir.resolve("compacted-backend.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/" + BackendProvider.class.getName()));
      out.write((Provider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Override public List<Change> changes(String namespace, long afterRevision, int maxChanges) {
    throw new CompactedException("the change feed of " + namespace + " after revision " + afterRevision
        + " was compacted");
  }

  @Override public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override public long currentRevision(String namespace) {
    return looks.incrementAndGet();
  }

  @Override public RecordRead get(String namespace, String collection, String id) {
    return delegate.get(namespace, collection, id);
  }

  @Override public ScanResult scan(String namespace, String collection, IdRange range, int limit) {
    return delegate.scan(namespace, collection, range, limit);
  }

  @Override public ScanResult lookup(String namespace, String collection, String index, String key, boolean prefix) {
    return delegate.lookup(namespace, collection, index, key, prefix);
  }

  @Override public IndexedScan scanWithIndexKeys(String namespace, String collection, IdRange range, int limit) {
    return delegate.scanWithIndexKeys(namespace, collection, range, limit);
  }

  @Override public List<String> collections(String namespace) {
    return delegate.collections(namespace);
  }

  @Override public long clockMillis() {
    return delegate.clockMillis();
  }

  @Override public long commit(String namespace, CommitRequest request) {
    return delegate.commit(namespace, request);
  }

  @Override public OptionalLong committedRevision(String namespace, String token) {
    return delegate.committedRevision(namespace, token);
  }

  @Override public boolean awaitRevision(String namespace, long afterRevision, Duration timeout)
      throws InterruptedException {
    return delegate.awaitRevision(namespace, afterRevision, timeout);
  }

  @Override public void compact(String namespace, long revision) {
    delegate.compact(namespace, revision);
  }

  @Override public void close() {
    delegate.close();
  }
}
