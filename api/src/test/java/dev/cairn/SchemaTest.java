package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Schema.Builder}: collection and index names, duplicates, the reserved name index. */
class SchemaTest {
  private static Schema.Builder<String> builder() {
    return Schema.builder("tasks", Codec.utf8());
  }

  /** Indexes keep their declaration order; name and indexes are reported. */
  @Test
  void buildsWithIndexesInOrder() {
    Schema<String> schema = builder().name(v -> v).index("node", v -> List.of(v)).index("label", v -> List.of())
        .build();
    assertEquals("tasks", schema.collection());
    assertTrue(schema.hasName());
    assertEquals(List.of("node", "label"), List.copyOf(schema.indexNames()));
    assertThrows(UnsupportedOperationException.class, () -> schema.indexNames().add("x"));
    assertFalse(Schema.of("plain", Codec.utf8()).hasName());
    assertTrue(Schema.of("plain", Codec.utf8()).indexNames().isEmpty());
  }

  /** An index declared twice is rejected, naming it. */
  @Test
  void duplicateIndexRejected() {
    Schema.Builder<String> b = builder().index("node", v -> List.of(v));
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> b.index("node", v -> List.of()));
    assertTrue(e.getMessage().contains("node"), e.getMessage());
  }

  /** Index names follow the collection rule. */
  @Test
  void invalidIndexNameRejected() {
    for (String bad : new String[] {null, "", "Node", "1node", "node.x", "a".repeat(64)}) {
      assertThrows(InvalidArgumentException.class, () -> builder().index(bad, v -> List.of()), String.valueOf(bad));
    }
  }

  /** {@code _name}, where record names are indexed, cannot be declared as an index. */
  @Test
  void reservedNameIndexRejected() {
    assertThrows(InvalidArgumentException.class, () -> builder().index(Schema.NAME_INDEX, v -> List.of(v)));
    assertThrows(InvalidArgumentException.class, () -> builder().index("_name", v -> List.of(v)));
  }

  /** The collection name is checked when the builder starts; a codec is required. */
  @Test
  void collectionAndCodecChecked() {
    assertThrows(InvalidArgumentException.class, () -> Schema.builder("Tasks", Codec.utf8()));
    assertThrows(InvalidArgumentException.class, () -> Schema.of("", Codec.utf8()));
    assertThrows(NullPointerException.class, () -> Schema.builder("tasks", null));
  }

  /** A schema built earlier does not change when its builder goes on. */
  @Test
  void builtSchemaIsImmutable() {
    Schema.Builder<String> b = builder().index("node", v -> List.of(v));
    Schema<String> first = b.build();
    b.index("label", v -> List.of());
    assertEquals(List.of("node"), List.copyOf(first.indexNames()));
  }
}
