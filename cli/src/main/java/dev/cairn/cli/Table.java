package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Text columns padded to their widest cell, two spaces apart; numbers right-aligned. Not
 * thread-safe.
 */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] right;

  /** Starts a table with its header row. */
  Table(String... header) {
    rows.add(header);
    right = new boolean[header.length];
  }

  /** Right-aligns the given columns (numbers). */
  Table rightAlign(int... columns) {
    for (int c : columns) {
      right[c] = true;
    }
    return this;
  }

  /** Adds a row with as many cells as the header. */
  Table row(String... cells) {
    if (cells.length != right.length) {
      throw new IllegalStateException("row of " + cells.length + " cells in a table of " + right.length);
    }
    rows.add(cells);
    return this;
  }

  /** Prints the rows, without trailing spaces. */
  void print(PrintWriter out) {
    int[] widths = new int[right.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String pad = " ".repeat(widths[i] - width(row[i]));
        line.append(i == 0 ? "" : "  ").append(right[i] ? pad + row[i] : row[i] + pad);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static int width(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
