package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cairn.spi.Precondition;
import dev.cairn.spi.Write;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which commits the backend refuses without a request, and the guards against a wrong memory. */
class LocalCommitsTest {
  private static Write write(String collection, String id) {
    return new Write(collection, id, new byte[] {1}, Map.of());
  }

  private static Precondition.RecordVersion version(String id, long modRevision) {
    return new Precondition.RecordVersion("items", id, modRevision);
  }

  /** A record or collection committed later than a precondition expects is known to fail; nothing else is. */
  @Test
  void refusesOnlyWhatItCommittedLater() {
    LocalCommits local = new LocalCommits();
    local.committed(7, List.of(write("items", "a")));
    Precondition stale = version("a", 5);
    assertEquals(stale, local.knownToFail(List.of(version("b", 3), stale)));
    assertNull(local.knownToFail(List.of(version("a", 7))), "read the last write");
    assertNull(local.knownToFail(List.of(version("a", 0))), "absent: another process may have deleted it since");
    assertNull(local.knownToFail(List.of(version("b", 1))), "never written here");
    Precondition scanned = new Precondition.CollectionUnchanged("items", 6);
    assertEquals(scanned, local.knownToFail(List.of(scanned)));
    assertNull(local.knownToFail(List.of(new Precondition.CollectionUnchanged("items", 7))));
    assertNull(local.knownToFail(List.of(new Precondition.CollectionUnchanged("other", 1))));
    assertNull(local.knownToFail(List.of(new Precondition.IndexKeyFree("items", "_name", "x", Set.of()))));
  }

  /** The same precondition refused twice in a row goes to Datastore the second time. */
  @Test
  void neverRefusesTheSamePreconditionTwiceInARow() {
    LocalCommits local = new LocalCommits();
    local.committed(1000, List.of(write("items", "a")));
    assertEquals(version("a", 3), local.knownToFail(List.of(version("a", 3))));
    assertNull(local.knownToFail(List.of(version("a", 3))), "the second time, Datastore decides");
    assertEquals(version("a", 3), local.knownToFail(List.of(version("a", 3))), "then refused again");
    assertEquals(version("a", 4), local.knownToFail(List.of(version("a", 4))));
    assertEquals(version("a", 3), local.knownToFail(List.of(version("a", 3))), "a different one came between");
  }

  /** A commit landing at or below the newest revision known (the namespace was wiped) clears the memory. */
  @Test
  void aNamespaceThatWentBackIsForgotten() {
    LocalCommits local = new LocalCommits();
    local.committed(1000, List.of(write("items", "a")));
    local.committed(12, List.of(write("items", "b")));
    assertNull(local.knownToFail(List.of(version("a", 3))));
    assertEquals(version("b", 11), local.knownToFail(List.of(version("b", 11))));
  }
}
