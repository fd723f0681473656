package org.openucwa.conversation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of an instant message: plain text or HTML. On the wire it travels as a data URI
 * (PayloadFormat.md: "UCWA 2.0 always uses URL encoding in data URIs").
 */
public record Content(Kind kind, String text) {

  /** The two formats of MessageFormat_ref.md, with their media types. */
  public enum Kind {
    Plain("text/plain"),
    Html("text/html");

    private final String mediaType;

    Kind(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  public Content {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  /** {@code data:text/plain;charset=utf-8,Hi+there} */
  public String dataUri() {
    return "data:"
        + kind.mediaType()
        + ";charset=utf-8,"
        + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * Reads a data URI of text/plain or text/html (URL-encoded or base64, whose line breaks are
   * skipped); empty for anything that is not one.
   */
  public static Optional<Content> fromDataUri(String uri) {
    if (uri == null || !uri.regionMatches(true, 0, "data:", 0, 5)) {
      return Optional.empty();
    }
    int comma = uri.indexOf(',');
    if (comma < 0) {
      return Optional.empty();
    }
    String[] meta = uri.substring(5, comma).split(";");
    String type = meta[0].trim().toLowerCase(Locale.ROOT);
    Kind kind =
        type.isEmpty() || type.equals("text/plain")
            ? Kind.Plain
            : type.equals("text/html") ? Kind.Html : null;
    if (kind == null) {
      return Optional.empty();
    }
    boolean base64 = false;
    for (int i = 1; i < meta.length; i++) {
      base64 |= meta[i].trim().equalsIgnoreCase("base64");
    }
    String data = uri.substring(comma + 1);
    try {
      String text =
          base64
              ? new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8)
              : URLDecoder.decode(data, StandardCharsets.UTF_8);
      return Optional.of(new Content(kind, text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
