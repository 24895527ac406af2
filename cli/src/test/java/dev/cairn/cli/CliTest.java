package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cairn command, run in-process. */
class CliTest {
  private static final Pattern TOTAL = Pattern.compile("(?m)^TCK: (\\d+) passed, (\\d+) failed, (\\d+) skipped$");

  /** The output and exit code of one run. */
  record Run(int code, String out, String err) {}

  static Run cairn(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** A backend in a jar outside the class path passes the whole kit through --jar. */
  @Test
  void thirdPartyBackendFromAJarPassesTheKit(@TempDir Path dir) throws Exception {
    Path jar = ToyBackendJar.build(dir);
    Run run = cairn("tck", "--jar", jar.toString(), "toy:");
    assertEquals(0, run.code(), run.out() + run.err());
    Matcher total = TOTAL.matcher(run.out());
    assertTrue(total.find(), run.out());
    assertTrue(Integer.parseInt(total.group(1)) >= 120, "the whole kit ran: " + total.group());
    assertEquals("0", total.group(2));
    assertTrue(run.out().contains("toy:"), run.out());
    for (String area : new String[] {"CRUD", "Transactions", "Watch", "Batches"}) {
      assertTrue(run.out().contains(area), "the report names area " + area);
    }
  }

  /** Without the jar, the same URI is a usage error listing the schemes found. */
  @Test
  void unknownSchemeIsAUsageError() {
    Run run = cairn("tck", "toy:");
    assertEquals(Main.USAGE, run.code());
    assertTrue(run.err().contains("schemes found: datastore, jdbc:h2, jdbc:postgresql, jdbc:sqlite, memory"), run.err());
    assertFalse(run.err().contains("Exception"), "one clear line, no stack trace: " + run.err());
  }

  /** A backend that breaks the contract fails the kit: exit 1, each failure named with its reason. */
  @Test
  void contractBreachesAreReportedWithReasons() {
    Run run = cairn("tck", "--area", "watch", "--area", "Batches", "memory:?retention=1");
    assertEquals(1, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("FAILED  replayThenLiveWithoutGap: CompactedException"), run.out());
    Matcher total = TOTAL.matcher(run.out());
    assertTrue(total.find(), run.out());
    assertTrue(Integer.parseInt(total.group(2)) > 0);
    assertFalse(run.out().contains("CRUD"), "only the chosen areas ran");
  }

  /** Skipped tests show with the reason the backend's capabilities give. */
  @Test
  void skipsShowTheirReason() {
    Run run = cairn("tck", "--area", "durability", "memory:");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("SKIPPED committedDataSurvivesReopen: the backend keeps no data across close and reopen"),
        run.out());
  }

  /** A persistent memory store claims durability and passes it, and the areas that open a second store. */
  @Test
  void persistentMemoryStorePassesDurability(@TempDir Path dir) {
    Run run = cairn("tck", "--area", "durability", "--area", "crud", "--area", "Export and import", "--area", "leases",
        "memory:" + dir.resolve("data"));
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Durability"), run.out());
    assertTrue(run.out().matches("(?s).*Durability +3 passed, 0 failed, 0 skipped.*"), run.out());
    assertTrue(run.out().matches("(?s).*Export and import +\\d+ passed, 0 failed, 0 skipped.*"), run.out());
    assertTrue(run.out().matches("(?s).*Leases +\\d+ passed, 0 failed, 0 skipped.*"), run.out());
  }

  /** Bad input to the command is a usage error with one clear line. */
  @Test
  void usageErrors() {
    assertEquals(Main.USAGE, cairn("tck", "--area", "nope", "memory:").code());
    assertTrue(cairn("tck", "--area", "nope", "memory:").err().contains("unknown TCK area 'nope'"));
    assertEquals(Main.USAGE, cairn("tck", "--jar", "/no/such.jar", "memory:").code());
    assertEquals(Main.USAGE, cairn("tck", "memory:?retention=-1").code());
    assertEquals(Main.USAGE, cairn("frobnicate").code());
  }

  /** A password in the URI never reaches the output. */
  @Test
  void passwordsNeverShow() {
    Run run = cairn("tck", "nosuch://admin:hunter2@db.example/x?password=hunter3");
    assertEquals(Main.USAGE, run.code());
    assertFalse((run.out() + run.err()).contains("hunter"), run.err());
  }

  /** schemes lists the providers found, and version prints one. */
  @Test
  void schemesAndVersion() {
    Run schemes = cairn("schemes");
    assertEquals(0, schemes.code());
    assertTrue(schemes.out().contains("memory:"), schemes.out());
    assertTrue(schemes.out().contains("MemoryBackendProvider"), schemes.out());
    Run version = cairn("version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("cairn "), version.out());
  }
}
