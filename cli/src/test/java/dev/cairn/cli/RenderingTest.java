package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How values and ids are shown, and how JSON escapes them. */
class RenderingTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Valid UTF-8 without control characters is text; anything else is base64, marked. */
  @Test
  void textOrBase64() {
    assertEquals("{\"a\": 1} é ✓ 😀", Rendering.valueText(utf8("{\"a\": 1} é ✓ 😀")));
    assertEquals("", Rendering.valueText(new byte[0]));
    assertEquals("base64:YQpi", Rendering.valueText(utf8("a\nb")), "a newline is a control character");
    assertEquals("base64:wyg=", Rendering.valueText(new byte[] {(byte) 0xc3, 0x28}), "malformed UTF-8");
    assertEquals("base64:7aCA", Rendering.valueText(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
        "an encoded surrogate is not valid UTF-8");
    assertEquals("base64:YmFzZTY0Onh5", Rendering.valueText(utf8("base64:xy")), "text that looks marked is not shown as is");
    assertEquals("-", Rendering.valueText(null));
    assertNull(Rendering.textOrNull(utf8("tab\there")));
  }

  /** Ids stay on one line: control characters and backslashes are escaped, other text kept. */
  @Test
  void idsOnOneLine() {
    assertEquals("plain id é", Rendering.idText("plain id é"));
    assertEquals("a\\nb\\tc\\\\d\\u0001", Rendering.idText("a\nb\tc\\d\u0001"));
  }

  /** JSON escapes quotes, backslashes, control characters and the JavaScript line separators. */
  @Test
  void jsonEscapes() {
    Json json = new Json().put("s", "q\" b\\ n\n t\t c\u0001 d\u007f ls\u2028 é").put("n", -3);
    assertEquals("{\"s\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 d\\u007f ls\\u2028 é\",\"n\":-3}", json.toString());
    assertEquals("{\"valueBase64\":\"AP8=\"}", Rendering.value(new Json(), new byte[] {0, (byte) 0xff}).toString());
    assertEquals("{}", Rendering.value(new Json(), null).toString());
  }
}
