package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.cli.ProgressDisplay.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress display's rendering and throttling, on a fake clock: no terminal, no sleeps. */
class ProgressDisplayTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MIB = 1024 * 1024;

  private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
  private final StringWriter screen = new StringWriter();

  private ProgressDisplay display(Mode mode, int width) {
    return new ProgressDisplay(mode, new PrintWriter(screen), clock::get, width);
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  /** Bytes show in binary units with one decimal, carrying into the next unit rather than printing 1024.0. */
  @Test
  void bytesInBinaryUnits() {
    assertEquals("0 B", ProgressDisplay.bytes(0));
    assertEquals("1023 B", ProgressDisplay.bytes(1023));
    assertEquals("1.0 KiB", ProgressDisplay.bytes(1024));
    assertEquals("1.5 KiB", ProgressDisplay.bytes(1536));
    assertEquals("1.0 MiB", ProgressDisplay.bytes(MIB - 1));
    assertEquals("3.2 MiB", ProgressDisplay.bytes(3 * MIB + MIB / 5));
    assertEquals("2.0 GiB", ProgressDisplay.bytes(2048 * MIB));
    assertEquals("8.0 EiB", ProgressDisplay.bytes(Long.MAX_VALUE));
  }

  /** Remaining times read as seconds, minutes and seconds, or hours and minutes. */
  @Test
  void durations() {
    assertEquals("0s", ProgressDisplay.duration(0));
    assertEquals("59s", ProgressDisplay.duration(59));
    assertEquals("1m00s", ProgressDisplay.duration(60));
    assertEquals("1m05s", ProgressDisplay.duration(65));
    assertEquals("1h00m", ProgressDisplay.duration(3600));
    assertEquals("2h03m", ProgressDisplay.duration(2 * 3600 + 3 * 60 + 59));
  }

  /** The ETA extrapolates the rate so far, rounds up, is 0 once done and unknown before any byte. */
  @Test
  void eta() {
    long second = TimeUnit.SECONDS.toNanos(1);
    assertEquals(-1, ProgressDisplay.etaSeconds(0, 100, 5 * second));
    assertEquals(-1, ProgressDisplay.etaSeconds(10, 100, 0));
    assertEquals(10, ProgressDisplay.etaSeconds(50, 100, 10 * second));
    assertEquals(2, ProgressDisplay.etaSeconds(1, 3, second));
    assertEquals(1, ProgressDisplay.etaSeconds(99, 100, 10 * second), "a little left is 1s, not 0s");
    assertEquals(0, ProgressDisplay.etaSeconds(100, 100, 10 * second));
    assertEquals(0, ProgressDisplay.etaSeconds(120, 100, 10 * second), "more than the estimate is done, not negative");
  }

  /** The bar fills in proportion, clamped to its width. */
  @Test
  void bar() {
    assertEquals("[----------]", ProgressDisplay.bar(0, 10));
    assertEquals("[#####-----]", ProgressDisplay.bar(0.5, 10));
    assertEquals("[#########-]", ProgressDisplay.bar(0.99, 10));
    assertEquals("[##########]", ProgressDisplay.bar(1.7, 10));
    assertEquals("[----------]", ProgressDisplay.bar(-1, 10));
  }

  /** With a total, the terminal line has bar, percentage, records, bytes of total, both rates and ETA. */
  @Test
  void barLineWithTotal() {
    String line = ProgressDisplay.barLine("export", 1000, MIB / 2, MIB, TimeUnit.SECONDS.toNanos(2), 120);
    assertEquals("export [###############---------------]  50%  1,000 records  512.0 KiB / 1.0 MiB"
        + "  500 records/s  256.0 KiB/s  ETA 2s", line);
    assertTrue(line.length() < 120);
  }

  /** Without a total there is no bar, percentage or ETA; counts and rates remain. */
  @Test
  void barLineWithoutTotal() {
    assertEquals("import  42 records  3.0 MiB  21 records/s  1.5 MiB/s",
        ProgressDisplay.barLine("import", 42, 3 * MIB, -1, TimeUnit.SECONDS.toNanos(2), 80));
  }

  /** The bar narrows to fit the terminal, down to its minimum width. */
  @Test
  void barWidthFollowsTerminalWidth() {
    long elapsed = TimeUnit.SECONDS.toNanos(2);
    String wide = ProgressDisplay.barLine("export", 1000, MIB / 2, MIB, elapsed, 200);
    String fits = ProgressDisplay.barLine("export", 1000, MIB / 2, MIB, elapsed, 100);
    String narrow = ProgressDisplay.barLine("export", 1000, MIB / 2, MIB, elapsed, 40);
    assertTrue(wide.contains("[" + "#".repeat(15) + "-".repeat(15) + "]"), wide);
    assertTrue(fits.length() <= 99, fits.length() + ": " + fits);
    assertTrue(fits.contains("[#"), fits);
    assertTrue(narrow.contains("[#####-----]"), "minimum width: " + narrow);
  }

  /** A terminal gets at most 10 redraws a second however often progress is fed, then the summary. */
  @Test
  void barRedrawsAreThrottled() {
    ProgressDisplay display = display(Mode.BAR, 100);
    for (int ms = 0; ms <= 250; ms++) {
      display.update("export", ms, ms * 1024L, 1024 * 1024);
      clock.addAndGet(MS);
    }
    assertEquals(3, count(screen.toString(), '\r'), "drawn at 0, 100 and 200 ms: " + screen);
    assertFalse(screen.toString().contains("\n"), "redrawn in place");
    display.finish();
    assertEquals(4, count(screen.toString(), '\r'));
    assertTrue(screen.toString().endsWith("\n"));
    String last = screen.toString().substring(screen.toString().lastIndexOf('\r') + 1).strip();
    assertTrue(last.startsWith("export: done, 250 records, 250.0 KiB in 0.3s"), last);
  }

  /** A shorter redraw blanks what the longer line before it left on screen. */
  @Test
  void shorterRedrawBlanksTheRest() {
    ProgressDisplay display = display(Mode.BAR, 200);
    display.update("export", 0, 0, -1);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    display.update("export", 123_456_789, 5000 * MIB, -1);
    String longLine = screen.toString().substring(screen.toString().lastIndexOf('\r'));
    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    display.update("export", 5, 5, -1);
    String shortLine = screen.toString().substring(screen.toString().lastIndexOf('\r'));
    assertTrue(shortLine.startsWith("\rexport  5 records  5 B"), shortLine);
    assertEquals(longLine.length(), shortLine.length(), "the redraw covers the whole previous line: " + shortLine);
    assertTrue(shortLine.endsWith("   "), shortLine);
  }

  /** Off a terminal, plain lines come at most once a second, then one summary line. */
  @Test
  void linesAreThrottledToOnePerSecond() {
    ProgressDisplay display = display(Mode.LINES, 80);
    for (int ms = 0; ms <= 3500; ms += 10) {
      display.update("migrate", ms, ms * 100L, -1);
      clock.addAndGet(10 * MS);
    }
    display.finish();
    String[] lines = screen.toString().split("\n");
    assertEquals(4, lines.length, screen.toString());
    assertEquals("migrate: 1,000 records  97.7 KiB  1,000 records/s  97.7 KiB/s", lines[0]);
    assertTrue(lines[3].startsWith("migrate: done, 3,500 records, 341.8 KiB in 3.5s"), lines[3]);
    assertFalse(screen.toString().contains("\r"));
  }

  /** A short operation off a terminal prints only its summary; a new phase ends the previous one. */
  @Test
  void phasesEndWithASummary() {
    ProgressDisplay display = display(Mode.LINES, 80);
    display.update("export", 10, 1000, 2000);
    clock.addAndGet(500 * MS);
    display.update("export", 20, 2000, 2000);
    display.update("verify", 5, 0, -1);
    clock.addAndGet(250 * MS);
    display.finish();
    display.finish();
    assertEquals("export: done, 20 records, 2.0 KiB in 0.5s (40 records/s, 3.9 KiB/s)\n"
        + "verify: done, 5 records, 0 B in 0.3s (20 records/s, 0 B/s)\n", screen.toString());
  }

  /** Mode none prints nothing at all. */
  @Test
  void noneIsSilent() {
    ProgressDisplay display = display(Mode.NONE, 80);
    for (int s = 0; s < 5; s++) {
      display.update("export", s, s, 10);
      clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    }
    display.finish();
    assertEquals("", screen.toString());
  }

  /** The default is a bar on a terminal and lines elsewhere; an explicit mode wins; an unknown one is named. */
  @Test
  void modes() {
    assertEquals(Mode.BAR, Mode.of(null, true));
    assertEquals(Mode.LINES, Mode.of(null, false));
    assertEquals(Mode.NONE, Mode.of("None", true));
    assertEquals(Mode.LINES, Mode.of("lines", true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.of("fancy", true));
    assertTrue(e.getMessage().contains("'fancy'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> display(Mode.BAR, 5));
  }
}
