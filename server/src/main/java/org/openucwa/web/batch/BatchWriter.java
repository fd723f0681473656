package org.openucwa.web.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openucwa.web.HttpResponse;

/**
 * Writes inner responses as one {@code multipart/batching} body, in the shape of the samples of
 * BatchingRequests.md and batch_ref.md: per part a Content-Type line, a blank line, then the whole
 * HTTP/1.1 response with its Content-Length, all with CRLF line ends. The inner response's
 * Content-Type is its last header, right before the blank line, as in the samples: the reference's
 * own parser (MimeLibrary.md) takes every line after that header as body. Stateless.
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
      String contentType = null;
      for (Map.Entry<String, String> h : response.headers().entrySet()) {
        if (h.getKey().equalsIgnoreCase("Content-Type")) {
          contentType = h.getValue();
        } else if (!h.getKey().equalsIgnoreCase("Content-Length")) {
          header(head, h.getKey(), h.getValue());
        }
      }
      header(head, "Content-Length", Integer.toString(response.body().length));
      if (contentType != null) {
        header(head, "Content-Type", contentType);
      }
      head.append(CRLF);
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(response.body());
      out.writeBytes(CRLF.getBytes(StandardCharsets.ISO_8859_1));
    }
    String close = "--" + boundary + "--" + CRLF;
    out.writeBytes(close.getBytes(StandardCharsets.ISO_8859_1));
    return new BatchCodec.Formatted(
        "multipart/batching; boundary=\"" + boundary + "\"", out.toByteArray());
  }

  private static void header(StringBuilder head, String name, String value) {
    head.append(oneLine(name)).append(": ").append(oneLine(value)).append(CRLF);
  }

  /** A header name or value with any line break replaced, so it cannot break the framing. */
  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
