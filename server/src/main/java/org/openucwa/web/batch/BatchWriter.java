package org.openucwa.web.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openucwa.web.HttpResponse;

/**
 * Writes inner responses as one {@code multipart/batching} body, in the shape of the reference's
 * sample: per part a Content-Type line, a blank line, then the whole HTTP/1.1 response with its
 * Content-Length, all with CRLF line ends. Stateless.
 */
final class BatchWriter {

  private static final String CRLF = "\r\n";

  private BatchWriter() {}

  static BatchCodec.Formatted write(List<HttpResponse> responses, String boundary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HttpResponse response : responses) {
      StringBuilder head =
          new StringBuilder()
              .append("--")
              .append(boundary)
              .append(CRLF)
              .append("Content-Type: application/http; msgtype=response")
              .append(CRLF)
              .append(CRLF)
              .append("HTTP/1.1 ")
              .append(response.status())
              .append(' ')
              .append(ReasonPhrase.of(response.status()))
              .append(CRLF);
      response
          .headers()
          .forEach(
              (name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length")) {
                  head.append(oneLine(name)).append(": ").append(oneLine(value)).append(CRLF);
                }
              });
      head.append("Content-Length: ").append(response.body().length).append(CRLF).append(CRLF);
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(response.body());
      out.writeBytes(CRLF.getBytes(StandardCharsets.ISO_8859_1));
    }
    String close = "--" + boundary + "--" + CRLF;
    out.writeBytes(close.getBytes(StandardCharsets.ISO_8859_1));
    return new BatchCodec.Formatted(
        "multipart/batching; boundary=\"" + boundary + "\"", out.toByteArray());
  }

  /** A header name or value with any line break replaced, so it cannot break the framing. */
  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
