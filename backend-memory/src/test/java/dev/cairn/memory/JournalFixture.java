package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.Store;
import dev.cairn.tck.Task;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Helpers for journal tests: opening a directory, finding its files and entry offsets. */
final class JournalFixture {
  private JournalFixture() {}

  /** Opens the store journaled in {@code dir}, with extra URI parameters (may be empty). */
  static Store open(Path dir, String parameters) {
    return Cairn.open("memory:" + dir + (parameters.isEmpty() ? "" : "?" + parameters));
  }

  /** Opens the store journaled in {@code dir} with default parameters. */
  static Store open(Path dir) {
    return open(dir, "");
  }

  /** Creates tasks {@code t1..tN}, one commit each, named {@code Task-i}, on node {@code n(i%3)}. */
  static void createTasks(Store store, int count) {
    for (int i = 1; i <= count; i++) {
      Task task = new Task("Task-" + i, "n" + (i % 3), List.of("l" + i, "all"), i);
      String id = "t" + i;
      store.update(tx -> tx.create(Task.TASKS, id, task));
    }
  }

  /** Lists the files of {@code dir} whose names start with {@code prefix}, sorted. */
  static List<Path> files(Path dir, String prefix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().collect(Collectors.toList());
    }
  }

  /** Returns the one log of a directory, failing if there are several. */
  static Path onlyLog(Path dir) throws IOException {
    List<Path> logs = files(dir, "log-");
    assertEquals(1, logs.size(), "logs in " + dir + ": " + logs);
    return logs.get(0);
  }

  /** Returns where each entry of a log or snapshot starts, from the lengths in the headers. */
  static List<Long> entryOffsets(Path file) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    List<Long> offsets = new ArrayList<>();
    for (int p = Frames.FILE_HEADER_BYTES; p < all.limit(); p += Frames.ENTRY_HEADER_BYTES + all.getInt(p)) {
      offsets.add((long) p);
    }
    return offsets;
  }

  /** Flips one bit of a file at {@code offset}. */
  static void flip(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x10;
    Files.write(file, bytes);
  }

  /** Polls {@code condition} until it holds, failing after ten seconds. */
  static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(1_000_000); // poll, not a fixed wait: the deadline bounds it
    }
  }
}
