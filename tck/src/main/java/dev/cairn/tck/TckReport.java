package dev.cairn.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a TCK run, per contract area: tests passed, failed (with the reason) and
 * skipped (with the reason the backend gave by not claiming a capability).
 */
public final class TckReport {
  /** One test's outcome. */
  public enum Status {
    /** The test passed. */
    PASSED,
    /** The test failed or errored. */
    FAILED,
    /** The test was skipped; the reason says why. */
    SKIPPED
  }

  /**
   * One test's result.
   *
   * @param area the contract area
   * @param test the test's name
   * @param status the outcome
   * @param reason why it failed or was skipped, empty if it passed
   */
  public record Result(String area, String test, Status status, String reason) {}

  private final String uri;
  private final List<Result> results;

  TckReport(String uri, List<Result> results) {
    this.uri = uri;
    this.results = List.copyOf(results);
  }

  /** Returns the (redacted) URI the kit ran against. */
  public String uri() {
    return uri;
  }

  /** Returns every test's result, in execution order. */
  public List<Result> results() {
    return results;
  }

  /** Returns how many tests ended with {@code status}. */
  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** Returns whether no test failed and at least one ran. */
  public boolean passed() {
    return count(Status.FAILED) == 0 && !results.isEmpty();
  }

  /** Returns the results grouped by area, areas in the order they ran. */
  public Map<String, List<Result>> byArea() {
    Map<String, List<Result>> out = new LinkedHashMap<>();
    for (Result r : results) {
      out.computeIfAbsent(r.area(), a -> new ArrayList<>()).add(r);
    }
    return Collections.unmodifiableMap(out);
  }

  /** Renders the conformance report: one line per area, failures and skips with reasons, a total. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Cairn TCK conformance report for ").append(uri).append('\n');
    int width = byArea().keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
    byArea().forEach((area, list) -> {
      long passed = list.stream().filter(r -> r.status() == Status.PASSED).count();
      long failed = list.stream().filter(r -> r.status() == Status.FAILED).count();
      long skipped = list.stream().filter(r -> r.status() == Status.SKIPPED).count();
      out.append(String.format("  %-" + width + "s %3d passed, %d failed, %d skipped%s%n", area, passed, failed,
          skipped, failed > 0 ? "   FAIL" : ""));
      for (Result r : list) {
        if (r.status() != Status.PASSED) {
          out.append("      ").append(r.status() == Status.FAILED ? "FAILED  " : "SKIPPED ").append(r.test())
              .append(": ").append(r.reason()).append('\n');
        }
      }
    });
    out.append(String.format("TCK: %d passed, %d failed, %d skipped%n", count(Status.PASSED),
        count(Status.FAILED), count(Status.SKIPPED)));
    return out.toString();
  }
}
