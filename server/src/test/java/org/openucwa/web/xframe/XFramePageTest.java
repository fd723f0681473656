package org.openucwa.web.xframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class XFramePageTest {

  private static final Pattern ORIGINS = Pattern.compile("var ALLOWED_ORIGINS = (\\[[^\\]]*\\]);");

  @Test
  void theAllowedOriginsAreWrittenIntoTheScriptAsAJsonArray() {
    String html =
        text(new XFramePage(List.of("https://app.fabrikam.com", "http://localhost:3000")));

    assertThat(html)
        .contains(
            "var ALLOWED_ORIGINS = [\"https://app.fabrikam.com\",\"http://localhost:3000\"];");
    assertThat(html).doesNotContain(XFramePage.ORIGINS_PLACEHOLDER);
  }

  @Test
  void originsAreComparedTrimmedLowerCaseAndWithoutTrailingSlash() {
    XFramePage page = new XFramePage(List.of(" https://App.Fabrikam.com/ ", "*"));

    assertThat(page.allowedOrigins()).containsExactly("https://app.fabrikam.com", "*");
    assertThat(text(page)).contains("var ALLOWED_ORIGINS = [\"https://app.fabrikam.com\",\"*\"];");
  }

  @Test
  void noAllowedOriginGivesAnEmptyList() {
    assertThat(text(new XFramePage(List.of()))).contains("var ALLOWED_ORIGINS = [];");
  }

  @Test
  void aHostileOriginCannotEndTheStringOrTheScript() throws Exception {
    String hostile = "</script><script>alert(1)</script>\"]; x='\\\u2028\u2029<!--";
    String html = text(new XFramePage(List.of(hostile)));

    assertThat(count(html.toLowerCase(Locale.ROOT), "<script")).isEqualTo(1);
    assertThat(count(html.toLowerCase(Locale.ROOT), "</script")).isEqualTo(1);
    assertThat(html).doesNotContain("<!--", "\u2028", "\u2029");
    Matcher origins = ORIGINS.matcher(html);
    assertThat(origins.find()).isTrue();
    assertThat(new ObjectMapper().readValue(origins.group(1), String[].class))
        .containsExactly(hostile);
  }

  @Test
  void aBlankOriginIsRefused() {
    assertThatThrownBy(() -> new XFramePage(List.of("https://app.fabrikam.com", " / ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePageIsUtf8HtmlAndEachCallGetsItsOwnCopy() {
    XFramePage page = new XFramePage(List.of("https://app.fabrikam.com"));
    byte[] first = page.html();
    first[0] = 'X';

    assertThat(text(page)).startsWith("<!doctype html>");
    assertThat(XFramePage.CONTENT_TYPE).isEqualTo("text/html; charset=utf-8");
  }

  private static String text(XFramePage page) {
    return new String(page.html(), StandardCharsets.UTF_8);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
