package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.cairn.memory.FaultyBackend.Fault;
import dev.cairn.tck.TckRunner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Proves each TCK area can fail: against a store with one deliberate bug, the area that
 * covers the bug reports failures, while the same area passes against the correct store.
 */
class TckCatchesFaultsTest {

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("CRUD", Fault.FORGETS_CREATE_REVISION, false),
        Arguments.of("Bad input", null, true),
        Arguments.of("Listing", Fault.CURSOR_INCLUSIVE, false),
        Arguments.of("Names", Fault.NAME_LOOKUP_EMPTY, false),
        Arguments.of("Indexes", Fault.EXACT_LOOKUP_AS_PREFIX, false),
        Arguments.of("Namespaces and boundaries", Fault.SHARED_NAMESPACE, false),
        Arguments.of("Transactions", Fault.IGNORES_PRECONDITIONS, false),
        Arguments.of("Views under writers", Fault.SCAN_HIDES_COLLECTION_REVISION, false),
        Arguments.of("Concurrency", Fault.IGNORES_PRECONDITIONS, false),
        Arguments.of("Operators", Fault.IGNORES_PRECONDITIONS, false),
        Arguments.of("Batches", Fault.TRUNCATES_COMMITS, false),
        Arguments.of("Watch", Fault.DROPS_CHANGES, false),
        Arguments.of("Watch", Fault.HIDES_COMPACTION, false),
        Arguments.of("State documents", Fault.IGNORES_PRECONDITIONS, false),
        Arguments.of("Snapshots", Fault.DAMAGES_VALUES, false),
        Arguments.of("Export and import", Fault.EXPORT_DROPS_INDEX_KEYS, false),
        Arguments.of("Leases", Fault.IGNORES_PRECONDITIONS, false),
        Arguments.of("Durability", Fault.CLAIMS_PERSISTENCE, false));
  }

  @AfterEach
  void reset() {
    FaultyStoreTck.fault = null;
    FaultyStoreTck.wrongErrorForBadInput = false;
  }

  /** The area fails against the broken store and passes against the correct one. */
  @ParameterizedTest(name = "{0} catches {1}")
  @MethodSource("faults")
  void areaCatchesFault(String area, Fault fault, boolean wrongError) {
    FaultyStoreTck.fault = fault;
    FaultyStoreTck.wrongErrorForBadInput = wrongError;
    TestExecutionSummary broken = run(area);
    assertTrue(broken.getTestsFailedCount() > 0,
        area + " must fail against " + (fault == null ? "a store misreporting bad input" : fault) + "; ran "
            + broken.getTestsSucceededCount() + " passing tests");
    reset();
    TestExecutionSummary correct = run(area);
    assertEquals(0, correct.getTestsFailedCount(), area + " passes against the correct store: " + failures(correct));
  }

  private static TestExecutionSummary run(String area) {
    Class<?> nested = TckRunner.areas().get(area);
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectNestedClass(List.of(FaultyStoreTck.class), nested)).build(), listener);
    return listener.getSummary();
  }

  private static String failures(TestExecutionSummary summary) {
    StringBuilder out = new StringBuilder();
    summary.getFailures().forEach(f -> out.append(f.getTestIdentifier().getDisplayName()).append(": ")
        .append(f.getException()).append("; "));
    return out.toString();
  }
}
