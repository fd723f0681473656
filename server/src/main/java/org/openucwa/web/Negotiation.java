package org.openucwa.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openucwa.format.Format;
import org.openucwa.format.json.JsonFormat;
import org.openucwa.format.xml.XmlFormat;

/**
 * Content negotiation (PayloadFormat.md): picks the response format from Accept and the request
 * format from Content-Type. The response echoes the exact media type the client asked for (the
 * generic or the vendor-specific one); anything unrecognized, and {@code *}{@code /*}, gets JSON.
 */
public final class Negotiation {

  public static final String JSON_VND = "application/vnd.microsoft.com.ucwa+json";
  public static final String XML_VND = "application/vnd.microsoft.com.ucwa+xml";
  public static final String FORM = "application/x-www-form-urlencoded";

  private final JsonFormat json = new JsonFormat();
  private final XmlFormat xml = new XmlFormat();

  /** The chosen response format and the media type to label it with. */
  public record Choice(Format format, String mediaType) {
    public String contentType() {
      return mediaType + "; charset=utf-8";
    }
  }

  /**
   * The choices already made, by Accept header: clients send the same few values on every request.
   * Bounded; values past the bound are worked out each time.
   */
  private final Map<String, Choice> chosen = new ConcurrentHashMap<>();

  private static final int CHOSEN_MAX = 256;

  public Choice forAccept(Optional<String> accept) {
    String header = accept.orElse("");
    Choice c = chosen.get(header);
    if (c == null) {
      c = choose(header);
      if (chosen.size() < CHOSEN_MAX && header.length() <= 256) {
        chosen.put(header, c);
      }
    }
    return c;
  }

  private Choice choose(String accept) {
    Choice best = null;
    double bestQ = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Choice c = choiceOf(type);
      if (c != null && q > 0 && q > bestQ) {
        best = c;
        bestQ = q;
      }
    }
    return best != null ? best : new Choice(json, JsonFormat.MEDIA_TYPE);
  }

  private Choice choiceOf(String type) {
    return switch (type) {
      case JsonFormat.MEDIA_TYPE, JSON_VND -> new Choice(json, type);
      case XmlFormat.MEDIA_TYPE, XML_VND, "text/xml" -> new Choice(xml, type);
      case "*/*", "application/*" -> new Choice(json, JsonFormat.MEDIA_TYPE);
      default -> null;
    };
  }

  /** The media type of a Content-Type header, lower-cased and without parameters. */
  public static String mediaTypeOf(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The format that reads a request body of this media type, if any. */
  public Optional<Format> forContentType(String mediaType) {
    return switch (mediaType) {
      case JsonFormat.MEDIA_TYPE, JSON_VND -> Optional.of(json);
      case XmlFormat.MEDIA_TYPE, XML_VND, "text/xml" -> Optional.of(xml);
      default -> Optional.empty();
    };
  }
}
