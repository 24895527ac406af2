package dev.cairn.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The token log remembers exactly the last {@code capacity} commits, through growth and wrap-around. */
class TokenLogTest {

  /** Below, at and past capacity (not a power of two), every kept token resolves and no forgotten one does. */
  @Test
  void keepsExactlyTheLastCapacityTokens() {
    int capacity = 100;
    TokenLog log = new TokenLog(capacity);
    for (int added = 1; added <= 350; added++) {
      log.add("t" + added, 1000 + added);
      if (added % 7 == 0 || added == 16 || added == 17 || added == capacity || added == capacity + 1) {
        for (int t = 1; t <= added; t++) {
          OptionalLong expected = t > added - capacity ? OptionalLong.of(1000 + t) : OptionalLong.empty();
          assertEquals(expected, log.find("t" + t), "token t" + t + " after " + added + " commits");
        }
      }
    }
    assertEquals(OptionalLong.empty(), log.find("never"));
  }
}
