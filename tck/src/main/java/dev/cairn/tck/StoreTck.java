package dev.cairn.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.TestClassOrder;

/**
 * The technology compatibility kit. A backend proves itself with one small test class:
 *
 * <pre>{@code
 * class MyBackendTckTest extends StoreTck {
 *   @Override protected StoreFactory factory() {
 *     return options -> Cairn.open("my:fresh-db", options);
 *   }
 * }
 * }</pre>
 *
 * <p>Each {@code @Nested} class is one contract area. A behaviour the backend does not claim in
 * its {@link dev.cairn.Capabilities} is reported as skipped with the reason.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
public abstract class StoreTck {
  private TckContext context;

  /** Returns the factory of fresh, empty stores for the backend under test. */
  protected abstract StoreFactory factory();

  @BeforeEach
  void openContext() {
    context = new TckContext(factory());
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  /** Base of the nested areas: hands them the running test's context. */
  abstract class Area implements TckArea {
    @Override
    public TckContext tck() {
      return context;
    }
  }

  // AREAS-BEGIN (one nested class per area; TckRunner.areas() and the CLI read this list)
  /** Create, read, update, delete and their errors. */
  @Nested
  @Order(1)
  @DisplayName("CRUD")
  class Crud extends Area implements CrudTck {}

  /** Every InvalidArgument and TooLarge case. */
  @Nested
  @Order(2)
  @DisplayName("Bad input")
  class BadInput extends Area implements BadInputTck {}

  /** Listing with ranges, prefixes and cursors. */
  @Nested
  @Order(3)
  @DisplayName("Listing")
  class Listing extends Area implements ListingTck {}

  /** Unique case-insensitive names. */
  @Nested
  @Order(4)
  @DisplayName("Names")
  class Names extends Area implements NamesTck {}

  /** Secondary index lookups. */
  @Nested
  @Order(5)
  @DisplayName("Indexes")
  class Indexes extends Area implements IndexesTck {}

  /** Isolation of namespaces and collections. */
  @Nested
  @Order(6)
  @DisplayName("Namespaces and boundaries")
  class Namespaces extends Area implements NamespacesTck {}

  /** Serializable transactions and isolation. */
  @Nested
  @Order(7)
  @DisplayName("Transactions")
  class Transactions extends Area implements TransactionsTck {}

  /** Views of any length under writers, and updates that are not starved. */
  @Nested
  @Order(8)
  @DisplayName("Views under writers")
  class Views extends Area implements ViewsTck {}

  /** Invariants under concurrent transactions. */
  @Nested
  @Order(9)
  @DisplayName("Concurrency")
  class Concurrency extends Area implements ConcurrencyTck {}

  /** Operator phases. */
  @Nested
  @Order(10)
  @DisplayName("Operators")
  class Operators extends Area implements OperatorsTck {}

  /** Batches split into transactions. */
  @Nested
  @Order(11)
  @DisplayName("Batches")
  class Batches extends Area implements BatchesTck {}

  /** The change feed. */
  @Nested
  @Order(12)
  @DisplayName("Watch")
  class Watch extends Area implements WatchTck {}

  /** Large state documents split into chunks. */
  @Nested
  @Order(13)
  @DisplayName("State documents")
  class Documents extends Area implements DocumentsTck {}

  /** Versioned application snapshots. */
  @Nested
  @Order(14)
  @DisplayName("Snapshots")
  class Snapshots extends Area implements SnapshotsTck {}

  /** Store export, import and migration. */
  @Nested
  @Order(15)
  @DisplayName("Export and import")
  class Archive extends Area implements ArchiveTck {}

  /** Leases and fencing tokens. */
  @Nested
  @Order(16)
  @DisplayName("Leases")
  class Leases extends Area implements LeasesTck {}

  /** Data surviving close and reopen, for persistent backends. */
  @Nested
  @Order(17)
  @DisplayName("Durability")
  class Durability extends Area implements DurabilityTck {}

  // AREAS-END
}
