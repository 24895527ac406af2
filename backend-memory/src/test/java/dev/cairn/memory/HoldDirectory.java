package dev.cairn.memory;

import dev.cairn.Cairn;
import dev.cairn.Store;
import java.io.IOException;

/** A second process for lock tests: opens the store in {@code args[0]}, says so, and holds it until stdin closes. */
final class HoldDirectory {
  private HoldDirectory() {}

  /** Opens {@code memory:<args[0]>}, prints {@code open}, and closes the store at the end of stdin. */
  public static void main(String[] args) throws IOException {
    try (Store store = Cairn.open("memory:" + args[0])) {
      System.out.println("open");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the directory until the parent closes our stdin
      }
    }
  }
}
