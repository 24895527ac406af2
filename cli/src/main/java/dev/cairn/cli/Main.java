package dev.cairn.cli;

/** Placeholder for the cairn command. */
public final class Main {
  private Main() {}

  /** Entry point. */
  public static void main(String[] args) {}
}
