package dev.cairn.memory;

import dev.cairn.Cairn;
import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;

/** The whole TCK against a fresh in-memory store per test. */
class MemoryStoreTckTest extends StoreTck {
  @Override
  protected StoreFactory factory() {
    return options -> Cairn.open("memory:", options);
  }
}
