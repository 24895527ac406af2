package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows the progress of a long operation (export, import, migrate) on stderr. The operation
 * feeds it, as often as it likes, with its phase name, the records and bytes done so far in
 * that phase, and the total bytes when known; the display measures elapsed time with its own
 * clock (injectable, so tests need no sleeps) and throttles what it prints.
 *
 * <ul>
 *   <li>{@link Mode#BAR}, on a terminal: one line redrawn with {@code \r}, at most
 *       {@value #BAR_REDRAWS_PER_SECOND} times a second: a bar and ETA when the total is known,
 *       records, bytes in binary units, records/s and bytes/s.
 *   <li>{@link Mode#LINES}, otherwise: one plain line at most every second.
 *   <li>{@link Mode#NONE}: nothing.
 * </ul>
 *
 * <p>When a phase ends (a new phase name, or {@link #finish()}) one summary line says what
 * it did, how long it took and at what rate. Thread-safe: every method is synchronized.
 */
final class ProgressDisplay {
  /** How the display shows progress. */
  enum Mode {
    /** One line redrawn in place, for a terminal. */
    BAR,
    /** Plain lines at most every second, for logs and pipes. */
    LINES,
    /** Nothing. */
    NONE;

    /**
     * Returns the mode an option names ({@code bar}, {@code lines} or {@code none}, any case), or
     * when it is null the default: {@link #BAR} on a terminal, else {@link #LINES}.
     *
     * @throws IllegalArgumentException if the option names no mode
     */
    static Mode of(String option, boolean terminal) {
      if (option == null) {
        return terminal ? BAR : LINES;
      }
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(option.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown progress mode '" + option + "'; use bar, lines or none");
    }
  }

  static final int BAR_REDRAWS_PER_SECOND = 10;
  static final long BAR_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / BAR_REDRAWS_PER_SECOND;
  static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final int MIN_BAR = 10;
  static final int MAX_BAR = 30;

  private final Mode mode;
  private final PrintWriter out;
  private final LongSupplier nanoClock;
  private final int width;

  private String phase;
  private long phaseStart;
  private long lastDraw;
  private long records;
  private long bytes;
  private long totalBytes = -1;
  /** The length of the bar line on screen, to blank what a shorter redraw leaves. */
  private int drawnLength;

  /**
   * Creates a display.
   *
   * @param mode how to show progress, never null
   * @param out where to print (stderr), never null
   * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
   * @param width the terminal's width in columns (at least 20); lines are kept shorter than it
   */
  ProgressDisplay(Mode mode, PrintWriter out, LongSupplier nanoClock, int width) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.out = Objects.requireNonNull(out, "out");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    if (width < 20) {
      throw new IllegalArgumentException("terminal width must be at least 20 columns: " + width);
    }
    this.width = width;
  }

  /**
   * Returns a display on the real clock, as wide as {@code $COLUMNS} says (80 when unset).
   *
   * @param option {@code bar}, {@code lines}, {@code none}, or null for the default
   * @throws IllegalArgumentException if the option names no mode
   */
  static ProgressDisplay create(String option, PrintWriter err) {
    Mode mode = Mode.of(option, System.console() != null);
    int columns = 80;
    try {
      columns = Math.max(20, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim()));
    } catch (NumberFormatException e) {
      // keep 80
    }
    return new ProgressDisplay(mode, err, System::nanoTime, columns);
  }

  /**
   * Reports progress. A new phase name ends the previous phase with its summary line.
   *
   * @param phaseName what is being done, e.g. {@code export}, never null
   * @param recordsDone records done so far in this phase
   * @param bytesDone bytes done so far in this phase
   * @param total the bytes the phase will do, or a negative number when unknown
   */
  synchronized void update(String phaseName, long recordsDone, long bytesDone, long total) {
    Objects.requireNonNull(phaseName, "phaseName");
    long now = nanoClock.getAsLong();
    boolean newPhase = !phaseName.equals(phase);
    if (newPhase) {
      finish();
      phase = phaseName;
      phaseStart = now;
      lastDraw = now;
    }
    records = recordsDone;
    bytes = bytesDone;
    totalBytes = total;
    if (mode == Mode.BAR && (newPhase || now - lastDraw >= BAR_INTERVAL_NANOS)) {
      redraw(barLine(phase, records, bytes, totalBytes, now - phaseStart, width));
      lastDraw = now;
    } else if (mode == Mode.LINES && now - lastDraw >= LINE_INTERVAL_NANOS) {
      out.println(plainLine(phase, records, bytes, totalBytes, now - phaseStart));
      out.flush();
      lastDraw = now;
    }
  }

  /** Ends the current phase, if any, with its summary line; idempotent. */
  synchronized void finish() {
    if (phase == null) {
      return;
    }
    String summary = summaryLine(phase, records, bytes, nanoClock.getAsLong() - phaseStart);
    if (mode == Mode.BAR) {
      redraw(summary);
      out.println();
      drawnLength = 0;
    } else if (mode == Mode.LINES) {
      out.println(summary);
    }
    out.flush();
    phase = null;
  }

  private void redraw(String line) {
    String shown = line.length() < width ? line : line.substring(0, width - 1);
    out.print("\r" + shown + " ".repeat(Math.max(0, drawnLength - shown.length())));
    out.flush();
    drawnLength = shown.length();
  }

  /** The line a terminal shows: a bar and ETA when the total is known, then counts and rates. */
  static String barLine(String phase, long records, long bytes, long total, long elapsedNanos, int width) {
    String counts = counts(records, bytes, total) + rates(records, bytes, elapsedNanos)
        + (total >= 0 ? eta(bytes, total, elapsedNanos) : "");
    if (total < 0) {
      return phase + "  " + counts;
    }
    double fraction = total == 0 ? 1 : Math.min(1, (double) bytes / total);
    String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
    int barWidth = Math.max(MIN_BAR, Math.min(MAX_BAR, width - 1 - (phase.length() + percent.length() + counts.length() + 6)));
    return phase + " " + bar(fraction, barWidth) + " " + percent + "  " + counts;
  }

  /** The line a log shows, at most every second. */
  static String plainLine(String phase, long records, long bytes, long total, long elapsedNanos) {
    String percent = total > 0 ? String.format(Locale.ROOT, " (%d%%)", (int) Math.floor(Math.min(1, (double) bytes / total) * 100)) : "";
    return phase + ": " + counts(records, bytes, total) + percent + rates(records, bytes, elapsedNanos)
        + (total >= 0 ? eta(bytes, total, elapsedNanos) : "");
  }

  /** The line that ends a phase. */
  static String summaryLine(String phase, long records, long bytes, long elapsedNanos) {
    String rates = rates(records, bytes, elapsedNanos);
    return phase + ": done, " + count(records) + " records, " + bytes(bytes) + " in " + elapsed(elapsedNanos)
        + (rates.isEmpty() ? "" : " (" + rates.strip().replace("  ", ", ") + ")");
  }

  /** A bar of {@code width} cells inside brackets, filled in proportion to {@code fraction} (clamped to 0..1). */
  static String bar(double fraction, int width) {
    int filled = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * width);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  /** Bytes in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    // 1023.96 KiB would print as "1024.0 KiB": carry into the next unit instead.
    if (value >= 1023.95 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A remaining time, rounded up: {@code 3s}, {@code 1m05s}, {@code 2h03m}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  /** The time to do the remaining bytes at the rate so far, in whole seconds rounded up; -1 when unknown. */
  static long etaSeconds(long bytes, long total, long elapsedNanos) {
    if (bytes <= 0 || elapsedNanos <= 0) {
      return -1;
    }
    long left = Math.max(0, total - bytes);
    double seconds = left * (elapsedNanos / 1e9) / bytes;
    return (long) Math.ceil(seconds);
  }

  private static String counts(long records, long bytes, long total) {
    return count(records) + " records  " + bytes(bytes) + (total >= 0 ? " / " + bytes(total) : "");
  }

  private static String rates(long records, long bytes, long elapsedNanos) {
    if (elapsedNanos <= 0) {
      return "";
    }
    double seconds = elapsedNanos / 1e9;
    return "  " + count(Math.round(records / seconds)) + " records/s  " + bytes(Math.round(bytes / seconds)) + "/s";
  }

  private static String eta(long bytes, long total, long elapsedNanos) {
    long seconds = etaSeconds(bytes, total, elapsedNanos);
    return seconds < 0 ? "  ETA --" : "  ETA " + duration(seconds);
  }

  private static String elapsed(long nanos) {
    double seconds = nanos / 1e9;
    return seconds < 60 ? String.format(Locale.ROOT, "%.1fs", seconds) : duration((long) Math.ceil(seconds));
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
