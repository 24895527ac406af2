package dev.cairn.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CorruptedException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link IndexKeys}: round trips, one encoding per set of keys, and damage reported as such. */
class IndexKeysTest {
  /** Keys of several indexes, empty key sets and non-ASCII strings come back as they went in. */
  @Test
  void roundTrips() {
    Map<String, Set<String>> keys = Map.of("node", Set.of("node-1", "node-2"), "zone", Set.of(), "ñame", Set.of("\uD800\uDC00"));
    assertEquals(keys, IndexKeys.decode(IndexKeys.encode(keys)));
    assertEquals(Map.of(), IndexKeys.decode(IndexKeys.encode(Map.of())));
    assertEquals(Map.of(), IndexKeys.decode(null));
  }

  /** Equal keys encode to equal bytes whatever order the maps and sets iterate in. */
  @Test
  void encodingIsCanonical() {
    Map<String, Set<String>> forward = new LinkedHashMap<>();
    forward.put("a", new LinkedHashSet<>(List.of("x", "y", "z")));
    forward.put("b", new LinkedHashSet<>(List.of("1", "2")));
    Map<String, Set<String>> backward = new LinkedHashMap<>();
    backward.put("b", new LinkedHashSet<>(List.of("2", "1")));
    backward.put("a", new LinkedHashSet<>(List.of("z", "y", "x")));
    assertArrayEquals(IndexKeys.encode(forward), IndexKeys.encode(backward));
  }

  /** Truncated bytes, trailing bytes and impossible counts are corruption, not a huge allocation. */
  @Test
  void damageIsCorruption() {
    byte[] good = IndexKeys.encode(Map.of("node", Set.of("node-1")));
    CorruptedException cut = assertThrows(CorruptedException.class,
        () -> IndexKeys.decode(Arrays.copyOf(good, good.length - 1)));
    // the last key's length now exceeds what is left
    assertTrue(cut.getMessage().contains("impossible length"), cut.getMessage());
    CorruptedException trailing = assertThrows(CorruptedException.class,
        () -> IndexKeys.decode(Arrays.copyOf(good, good.length + 1)));
    assertTrue(trailing.getMessage().contains("trailing"), trailing.getMessage());
    byte[] huge = good.clone();
    huge[0] = 0x7f;
    CorruptedException count = assertThrows(CorruptedException.class, () -> IndexKeys.decode(huge));
    assertTrue(count.getMessage().contains("impossible count"), count.getMessage());
  }
}
