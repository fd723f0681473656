package org.openucwa.web.xframe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The cross-domain frame of Cross_domainIFRAME.md: the page a browser client embeds as a hidden
 * iframe and drives with {@code postMessage}, so that its requests to UCWA leave from the server's
 * own origin. The page's script relays requests only for the web origins an administrator allowed
 * ({@code *} allows any); those origins are written into the page as a JSON array, escaped so that
 * no origin string can end the script.
 *
 * <p>The page is rendered once, in the constructor; instances are immutable and thread-safe.
 */
public final class XFramePage {

  public static final String CONTENT_TYPE = "text/html; charset=utf-8";

  /** Allows every origin when it stands in the list of allowed origins. */
  public static final String ANY_ORIGIN = "*";

  static final String TEMPLATE = "xframe.html";
  static final String ORIGINS_PLACEHOLDER = "/*@ALLOWED_ORIGINS@*/[]";

  private final List<String> allowedOrigins;
  private final byte[] html;

  public XFramePage(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(XFramePage::normalize).toList();
    this.html = render(this.allowedOrigins).getBytes(StandardCharsets.UTF_8);
  }

  /** The allowed origins as the page compares them: trimmed, lower-case, no trailing slash. */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** The page, UTF-8 encoded; a fresh copy on each call. */
  public byte[] html() {
    return html.clone();
  }

  private static String normalize(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    while (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    if (o.isEmpty()) {
      throw new IllegalArgumentException("An allowed origin must not be blank: '" + origin + "'");
    }
    return o;
  }

  private static String render(List<String> origins) {
    String template = template();
    int at = template.indexOf(ORIGINS_PLACEHOLDER);
    if (at < 0 || template.indexOf(ORIGINS_PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalStateException(TEMPLATE + " must hold " + ORIGINS_PLACEHOLDER + " once");
    }
    return template.substring(0, at)
        + jsonArray(origins)
        + template.substring(at + ORIGINS_PLACEHOLDER.length());
  }

  private static String template() {
    try (InputStream in = XFramePage.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JSON array of strings in which every character outside a small safe set is a {@code \}{@code
   * uXXXX} escape: no {@code <}, {@code >}, quote, backslash, line terminator or non-ASCII
   * character reaches the page literally, so the array can neither end the string nor the script.
   */
  static String jsonArray(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (String value : values) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"');
      value
          .chars()
          .forEach(
              c -> {
                if (isSafe(c)) {
                  out.append((char) c);
                } else {
                  out.append(String.format("\\u%04x", c));
                }
              });
      out.append('"');
    }
    return out.append(']').toString();
  }

  private static boolean isSafe(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == ':'
        || c == '/'
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '*';
  }
}
