package org.openucwa.web.batch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openucwa.web.HttpRequest;

/** Builders of batch bodies and outer requests for tests; a test writes LF, the wire gets CRLF. */
final class Batches {

  static final String TOKEN = "Bearer cwt=outer";

  private Batches() {}

  /** {@code text} with every LF turned into CRLF, as bytes. */
  static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} as it is, bare LF line ends kept. */
  static byte[] lf(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One GET part per path, boundary {@code b}, CRLF line ends. */
  static byte[] gets(String... paths) {
    StringBuilder body = new StringBuilder();
    for (String path : paths) {
      body.append("--b\nContent-Type: application/http; msgtype=request\n\n")
          .append("GET ")
          .append(path)
          .append(" HTTP/1.1\nAccept: application/json\n\n");
    }
    return crlf(body.append("--b--\n").toString());
  }

  /** A POST to the batch resource carrying a token, an origin and a language. */
  static HttpRequest outer() {
    return new HttpRequest(
        "POST",
        "/ucwa/oauth/v1/applications/103/batch",
        "",
        Map.of(
            "Authorization",
            List.of(TOKEN),
            "X-Ms-Origin",
            List.of("http://localhost"),
            "Accept-Language",
            List.of("en-us")),
        new byte[0]);
  }
}
