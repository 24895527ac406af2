package dev.cairn.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.InvalidArgumentException;
import dev.cairn.Names;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

  @Test
  void attemptNamesParseBackWhateverTheDocumentIdHolds() {
    for (String id : new String[] {"a", "a/b", "x/0000000000000001.0000000000000002", "é/ü"}) {
      String name = DocumentIds.attempt(id, 12, -5L);
      assertEquals(new DocumentIds.Attempt(id, 12, -5L, name), DocumentIds.parse(name));
    }
    assertNull(DocumentIds.parse("short"));
    assertNull(DocumentIds.parse("a/zzzzzzzzzzzzzzzz.0000000000000001"));
  }

  @Test
  void theLongestIdLeavesRoomForTheChunkSuffix() {
    String longest = "x".repeat(DocumentIds.MAX_ID_BYTES);
    String chunk = DocumentIds.chunk(DocumentIds.attempt(longest, Long.MAX_VALUE, -1L), Integer.MAX_VALUE);
    assertEquals(Names.MAX_ID_BYTES, chunk.length());
    Names.checkId(chunk);
    assertThrows(InvalidArgumentException.class, () -> DocumentIds.checkId(longest + "x"));
    assertThrows(InvalidArgumentException.class, () -> DocumentIds.checkId("é".repeat(DocumentIds.MAX_ID_BYTES / 2 + 1)));
  }

  @Test
  void kindsKeepTheDerivedCollectionNamesValid() {
    String longest = "k".repeat(51);
    Names.checkCollection("cairn-chunk-" + longest);
    Names.checkCollection("cairn-write-" + longest);
    assertThrows(InvalidArgumentException.class, () -> DocumentIds.checkKind(longest + "k"));
    assertThrows(InvalidArgumentException.class, () -> DocumentIds.checkKind("1abc"));
  }
}
