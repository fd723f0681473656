package org.openucwa.web.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.openucwa.web.HttpRequest;
import org.openucwa.web.HttpResponse;

/**
 * The wire format of the UCWA batch resource (BatchingRequests.md, batch_ref.md): reads a {@code
 * multipart/batching} body into the inner requests, writes their responses back as one, and tells
 * which inner requests the reference refuses inside a batch. Running the parts stays with the
 * caller, so a batched request goes through the same code as a direct one. Stateless: every method
 * may be called from any thread.
 */
public final class BatchCodec {

  /** The reference's limit on requests in one batch (BatchingRequests.md, "Limitations"). */
  public static final int REFERENCE_MAX_PARTS = 100;

  /** A written batch response: the value for the Content-Type header, and the body. */
  public record Formatted(String contentType, byte[] body) {

    public Formatted {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  private BatchCodec() {}

  /** {@link #parse(String, byte[], HttpRequest, int)} with {@link #REFERENCE_MAX_PARTS}. */
  public static List<HttpRequest> parse(String contentTypeHeader, byte[] body, HttpRequest outer) {
    return parse(contentTypeHeader, body, outer, REFERENCE_MAX_PARTS);
  }

  /**
   * The inner requests of a batch, in order. Each inherits the outer request's Authorization header
   * when it has none.
   *
   * @throws BatchFormatException if the body cannot be read as a batch (answer 400)
   * @throws TooManyPartsException if it has more than {@code maxParts} parts (answer 429)
   */
  public static List<HttpRequest> parse(
      String contentTypeHeader, byte[] body, HttpRequest outer, int maxParts) {
    if (maxParts < 1) {
      throw new IllegalArgumentException("maxParts must be positive: " + maxParts);
    }
    String boundary = Boundary.of(contentTypeHeader);
    String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte
    List<MultipartSplitter.Span> parts = MultipartSplitter.split(text, boundary);
    if (parts.size() > maxParts) {
      throw new TooManyPartsException(parts.size(), maxParts);
    }
    List<HttpRequest> requests = new ArrayList<>(parts.size());
    for (MultipartSplitter.Span part : parts) {
      requests.add(PartParser.parse(text, part, requests.size() + 1, outer));
    }
    return List.copyOf(requests);
  }

  /** The responses as one batch response body, one part each, in the order given. */
  public static Formatted format(List<HttpResponse> responses) {
    return BatchWriter.write(responses, UUID.randomUUID().toString());
  }

  /**
   * Whether the reference refuses this request inside a batch (BatchingRequests.md, "Limitations"):
   * another batch, the events channel, or a photo. The caller answers such a part 400 without
   * running it. Whole path segments are compared, so a contact named {@code events@contoso.com} is
   * not mistaken for the events resource.
   */
  public static boolean isForbiddenInBatch(HttpRequest request) {
    List<String> segments = new ArrayList<>();
    for (String s : request.path().split("/")) {
      if (!s.isEmpty()) {
        segments.add(s.toLowerCase(Locale.ROOT));
      }
    }
    if (segments.isEmpty()) {
      return false;
    }
    int photos = segments.indexOf("photos");
    return segments.getLast().equals("batch")
        || segments.contains("events")
        || (photos >= 0 && photos < segments.size() - 1);
  }
}
