package org.openucwa.web.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.web.HttpRequest;

/**
 * Turns one batch part into the {@link HttpRequest} it carries: MIME headers, a blank line, then an
 * HTTP/1.1 request. The part's own Content-Length is ignored (the reference's sample gives a wrong
 * one); the inner request's Content-Length, when present, bounds its body. Stateless.
 */
final class PartParser {

  private static final Pattern REQUEST_LINE =
      Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\\S+) HTTP/\\d\\.\\d");
  private static final Pattern ABSOLUTE = Pattern.compile("(?i)https?://[^/?#]*(.*)");
  private static final Set<String> IDENTITY_ENCODINGS = Set.of("binary", "8bit", "7bit");

  private PartParser() {}

  static HttpRequest parse(
      String text, MultipartSplitter.Span span, int number, HttpRequest outer) {
    Lines lines = new Lines(text, span.start(), span.end());
    checkMime(readHeaders(lines, number), number);
    String requestLine = "";
    while (requestLine.isEmpty() && !lines.atEnd()) {
      requestLine = lines.next(); // RFC 9112 section 2.2: ignore blank lines before it
    }
    Matcher m = REQUEST_LINE.matcher(requestLine.strip());
    if (!m.matches()) {
      throw failure(number, "malformed request line '" + requestLine + "'");
    }
    Target target = Target.of(m.group(2), number);
    Map<String, List<String>> headers = readHeaders(lines, number);
    List<String> outerAuthorization = outer.headers().getOrDefault("authorization", List.of());
    if (!headers.containsKey("authorization") && !outerAuthorization.isEmpty()) {
      headers.put("authorization", outerAuthorization); // clients rely on it; nothing else is
    }
    byte[] body = body(text, lines, headers, number);
    return new HttpRequest(
        m.group(1).toUpperCase(Locale.ROOT),
        target.path(),
        target.query(),
        headers,
        body,
        outer.clientAddress());
  }

  private static void checkMime(Map<String, List<String>> mime, int number) {
    String contentType = first(mime, "content-type");
    if (contentType.isBlank()) {
      throw failure(number, "no Content-Type; expected application/http; msgtype=request");
    }
    MediaType type = MediaType.parse(contentType);
    if (!type.essence().equals("application/http")) {
      throw failure(number, "Content-Type is '" + contentType + "', not application/http");
    }
    String msgtype = type.parameter("msgtype").orElse("request");
    if (!msgtype.equalsIgnoreCase("request")) {
      throw failure(number, "msgtype is '" + msgtype + "', not request");
    }
    String encoding = first(mime, "content-transfer-encoding").strip().toLowerCase(Locale.ROOT);
    if (!encoding.isEmpty() && !IDENTITY_ENCODINGS.contains(encoding)) {
      throw failure(number, "Content-Transfer-Encoding '" + encoding + "' is not supported");
    }
  }

  /** The path and raw query of an origin-form or absolute-form request-target. */
  private record Target(String path, String query) {

    static Target of(String target, int number) {
      Matcher absolute = ABSOLUTE.matcher(target);
      String rest = absolute.matches() ? absolute.group(1) : target;
      int hash = rest.indexOf('#');
      rest = hash < 0 ? rest : rest.substring(0, hash);
      if (rest.isEmpty() && absolute.matches()) {
        rest = "/";
      }
      if (!rest.startsWith("/")) {
        throw failure(number, "request-target '" + target + "' is neither a path nor a URL");
      }
      int q = rest.indexOf('?');
      return q < 0 ? new Target(rest, "") : new Target(rest.substring(0, q), rest.substring(q + 1));
    }
  }

  /** Header lines up to a blank line or the end of the part; names lower-cased. */
  private static Map<String, List<String>> readHeaders(Lines lines, int number) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    List<String> last = null;
    for (String line = lines.next(); !line.isEmpty(); line = lines.next()) {
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        int i = last.size() - 1; // obsolete line folding: continues the previous value
        last.set(i, last.get(i) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).isBlank()) {
        throw failure(number, "malformed header line '" + line + "'");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      last = headers.computeIfAbsent(name, k -> new ArrayList<>());
      last.add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  private static byte[] body(
      String text, Lines lines, Map<String, List<String>> headers, int number) {
    int start = lines.position();
    int available = lines.end() - start;
    String declared = first(headers, "content-length").strip();
    int length = available;
    if (!declared.isEmpty()) {
      try {
        length = Integer.parseInt(declared);
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0) {
        throw failure(number, "Content-Length '" + declared + "' is not a valid length");
      }
      if (length > available) {
        throw failure(
            number, "Content-Length is " + length + " but the body has " + available + " bytes");
      }
    }
    return text.substring(start, start + length).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  private static BatchFormatException failure(int number, String problem) {
    return new BatchFormatException("batch part " + number + ": " + problem);
  }
}
