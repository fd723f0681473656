package org.openucwa.web.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.web.HttpRequest;

/**
 * A tiny, deliberately naive reader of HTTP messages for tests: whole sample files, and the parts
 * of a batch response. It shares no code with the codec, so a round trip checks the writer against
 * an independent reading. Expects CRLF line ends throughout.
 */
final class HttpMessages {

  /** A start line, headers (names lower-cased) and a body. */
  record Message(String startLine, Map<String, String> headers, byte[] body) {

    int status() {
      return Integer.parseInt(startLine.split(" ")[1]);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** This message as the outer request of a batch. */
    HttpRequest asRequest() {
      Map<String, List<String>> h = new LinkedHashMap<>();
      headers.forEach((k, v) -> h.put(k, List.of(v)));
      return new HttpRequest(startLine.split(" ")[0], "/batch", "", h, body);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

  private HttpMessages() {}

  /** A sample message kept under {@code src/test/resources/batch/}. */
  static Message sample(String name) {
    try (InputStream in = HttpMessages.class.getResourceAsStream("/batch/" + name)) {
      return message(in.readAllBytes(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The inner responses of a batch response, each part's MIME headers dropped. */
  static List<Message> parts(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new AssertionError("no boundary in " + contentType);
    }
    String text = "\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + m.group(1);
    List<Message> parts = new ArrayList<>();
    String[] chunks = text.split("\r\n" + Pattern.quote(delimiter));
    // chunks[0] is the (empty) preamble; the last chunk starts with the closing "--".
    for (String chunk : Arrays.asList(chunks).subList(1, chunks.length - 1)) {
      String part = chunk.substring(chunk.indexOf("\r\n\r\n") + 4);
      parts.add(message(part.getBytes(StandardCharsets.ISO_8859_1), true));
    }
    if (!chunks[chunks.length - 1].startsWith("--")) {
      throw new AssertionError("no closing delimiter");
    }
    return parts;
  }

  /** Reads a message; {@code honourLength} false for samples, whose Content-Length is wrong. */
  private static Message message(byte[] bytes, boolean honourLength) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    String[] head = text.substring(0, headEnd).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : Arrays.asList(head).subList(1, head.length)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      headers.put(name, line.substring(colon + 1).strip());
    }
    String body = text.substring(headEnd + 4);
    if (honourLength && headers.containsKey("content-length")) {
      body = body.substring(0, Integer.parseInt(headers.get("content-length")));
    }
    return new Message(head[0], headers, body.getBytes(StandardCharsets.ISO_8859_1));
  }
}
