package dev.cairn.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.cairn.spi.BackendUri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit against a store URI through the JUnit Platform launcher, without writing a
 * test class: what {@code cairn tck <uri>} does. One run at a time per class loader.
 */
public final class TckRunner {
  private TckRunner() {}

  /**
   * Returns the contract areas, by display name, with the class that holds each.
   */
  public static Map<String, Class<?>> areas() {
    Map<String, Class<?>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Class<?> c : StoreTck.class.getDeclaredClasses()) {
      if (c.isAnnotationPresent(Nested.class)) {
        DisplayName name = c.getAnnotation(DisplayName.class);
        out.put(name == null ? c.getSimpleName() : name.value(), c);
      }
    }
    return out;
  }

  /**
   * Runs the kit.
   *
   * @param uri the store URI; each test opens it with a fresh random namespace
   * @param loader the class loader backends are found in
   * @param onlyAreas the areas to run (display or class names, any case), or empty for all
   * @return the report
   * @throws IllegalArgumentException if an area is unknown
   */
  public static synchronized TckReport run(String uri, ClassLoader loader, Set<String> onlyAreas) {
    List<DiscoverySelector> selectors = new ArrayList<>();
    if (onlyAreas.isEmpty()) {
      selectors.add(selectClass(UriStoreTck.class));
    } else {
      Map<String, Class<?>> areas = areas();
      for (String wanted : onlyAreas) {
        Class<?> area = areas.get(wanted);
        if (area == null) {
          area = areas.values().stream().filter(c -> c.getSimpleName().equalsIgnoreCase(wanted)).findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown TCK area '" + wanted + "'; areas: "
                  + String.join(", ", areas.keySet())));
        }
        selectors.add(selectNestedClass(List.of(UriStoreTck.class), area));
      }
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Collector collector = new Collector();
    UriStoreTck.target(new UriStoreTck.Target(uri, loader));
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, collector);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      UriStoreTck.target(null);
    }
    return new TckReport(BackendUri.redact(uri), collector.results);
  }

  /** Turns launcher events into results, naming each test by its area. */
  private static final class Collector implements TestExecutionListener {
    final List<TckReport.Result> results = Collections.synchronizedList(new ArrayList<>());
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      if (id.isTest()) {
        results.add(new TckReport.Result(area(id), name(id), TckReport.Status.SKIPPED, reason));
      }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      String reason = result.getThrowable().map(t -> result.getStatus() == TestExecutionResult.Status.ABORTED
          ? String.valueOf(t.getMessage()).replaceFirst("^Assumption failed: ", "") : firstLine(t)).orElse("");
      if (id.isTest()) {
        TckReport.Status status = switch (result.getStatus()) {
          case SUCCESSFUL -> TckReport.Status.PASSED;
          case ABORTED -> TckReport.Status.SKIPPED;
          case FAILED -> TckReport.Status.FAILED;
        };
        results.add(new TckReport.Result(area(id), name(id), status, reason));
      } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
        results.add(new TckReport.Result(id.getDisplayName(), "(setup)", TckReport.Status.FAILED, reason));
      }
    }

    private String area(TestIdentifier id) {
      return plan.getParent(id).map(TestIdentifier::getDisplayName).orElse("?");
    }

    private static String name(TestIdentifier id) {
      String n = id.getDisplayName();
      return n.endsWith("()") ? n.substring(0, n.length() - 2) : n;
    }
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
