package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CommitTokens#next}: one length, and each token sorts after the one made before it. */
class CommitTokensTest {
  /** Past every change of the counter's digit count (16, 256, 4096, ...) the order still holds. */
  @Test
  void tokensSortInTheOrderTheyAreMade() {
    String previous = CommitTokens.next();
    for (int i = 0; i < 100_000; i++) {
      String token = CommitTokens.next();
      assertEquals(previous.length(), token.length(), token);
      assertTrue(token.compareTo(previous) > 0, previous + " then " + token);
      previous = token;
    }
  }
}
