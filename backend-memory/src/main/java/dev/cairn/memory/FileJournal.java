package dev.cairn.memory;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.Write;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Placeholder: the file journal is being written. */
final class FileJournal implements Journal {
  static Journal open(Path directory, Function<String, Space> spaces) {
    throw new InvalidArgumentException("persistent memory stores are not available yet: " + directory);
  }

  @Override
  public void append(String namespace, long revision, String token, List<Write> writes) {}

  @Override
  public void close() {}
}
