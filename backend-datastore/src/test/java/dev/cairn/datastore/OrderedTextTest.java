package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.CorruptedException;
import dev.cairn.Ids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedTextTest {
  private static final List<String> SAMPLES = List.of("", "a", "a b", "aa", "a\uD7FE", "a\uD7FF", "a\uE000",
      "a\uFFFF", "a\uD83D\uDE00", "b", "~", "\u00E9", "\u4E2D", "\uFFFD", "\uFFFF", "\uD800\uDC00",
      "\uD834\uDD1E", "\uDBFF\uDFFF", "\u07FF", "\u0800");

  @Test
  void roundTrips() {
    for (String s : SAMPLES) {
      assertEquals(s, OrderedText.decode(OrderedText.encode(s)));
    }
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      String s = randomText(random);
      assertEquals(s, OrderedText.decode(OrderedText.encode(s)), () -> Arrays.toString(s.codePoints().toArray()));
    }
  }

  @Test
  void keepsCodePointOrderUnderUtf16AndUtf8Comparison() {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>(SAMPLES);
    for (int i = 0; i < 2_000; i++) {
      texts.add(randomText(random));
    }
    for (String a : texts) {
      for (String b : texts.subList(0, 60)) {
        int expected = Integer.signum(Ids.compare(a, b));
        String ea = OrderedText.encode(a);
        String eb = OrderedText.encode(b);
        assertEquals(expected, Integer.signum(ea.compareTo(eb)), "UTF-16 order of " + a + " and " + b);
        assertEquals(expected, Integer.signum(Arrays.compareUnsigned(ea.getBytes(StandardCharsets.UTF_8),
            eb.getBytes(StandardCharsets.UTF_8))), "UTF-8 order of " + a + " and " + b);
      }
    }
  }

  @Test
  void aPrefixEncodesToAPrefix() {
    String key = "a\uFFFF\uD83D\uDE00";
    assertTrue(OrderedText.encode(key + "\uE000x").startsWith(OrderedText.encode(key)));
  }

  @Test
  void theLongestIdFitsADatastoreName() {
    String worst = "\uFFFF".repeat(170); // 510 UTF-8 bytes, each character escaped
    assertTrue(OrderedText.encode(worst).getBytes(StandardCharsets.UTF_8).length <= 1_195);
    String supplementary = "\uD83D\uDE00".repeat(128);
    assertTrue(OrderedText.encode(supplementary).getBytes(StandardCharsets.UTF_8).length <= 1_195);
  }

  @Test
  void refusesDamagedText() {
    assertThrows(CorruptedException.class, () -> OrderedText.decode("a\uD7FF\u0080"));
    assertThrows(CorruptedException.class, () -> OrderedText.decode("a\uD7FFzz"));
  }

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0 -> b.append((char) ('a' + random.nextInt(3)));
        case 1 -> b.append((char) (0xD7F0 + random.nextInt(16)));
        case 2 -> b.append((char) (0xE000 + random.nextInt(0x2000)));
        default -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
      }
    }
    return b.toString();
  }
}
