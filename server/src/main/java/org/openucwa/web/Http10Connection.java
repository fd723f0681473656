package org.openucwa.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.web.batch.ReasonPhrase;

/**
 * Serves HTTP/1.0 requests on one connection (RFC 1945, with the keep-alive of RFC 9112, C.2.2):
 * the server library speaks HTTP/1.1 only, and probes, load balancers and older clients still send
 * 1.0. Each request is read whole (its body by Content-Length, up to the same limit as HTTP/1.1
 * requests), run through the {@link UcwaApi} and answered with an {@code HTTP/1.0} status line and
 * its Content-Length. The connection is closed after the response unless the request asked for
 * {@code Connection: keep-alive}, which the response then repeats. A first request line of any
 * other version the library did not take gets 505 (a version it does not speak) or 400 (no request
 * line at all), with a UCWA error body, and the connection is closed.
 *
 * <p>A request goes through the same checks as an HTTP/1.1 one ({@link Edge}): ambiguous framing
 * ({@link Framing}) gets 400 and the connection is closed; the request line and headers must arrive
 * within the read deadline of the first byte and the body within the deadline of the headers, or
 * the connection is closed without a response; the request counts as in flight from its headers to
 * its response, for graceful shutdown; and the client's address is told from a trusted proxy's
 * {@code X-Forwarded-For} as for HTTP/1.1. The operator's endpoints are served on the main port as
 * they are for HTTP/1.1.
 *
 * <p>Independent of the server library: it reads and writes plain streams. Confined to the
 * connection's thread.
 */
public final class Http10Connection {

  private static final String HTTP10 = "HTTP/1.0";
  private static final String HTTP11 = "HTTP/1.1";
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADERS = 100;
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final String READ_AS_HTTP10 = "The request could not be read as HTTP/1.0.";
  private static final String SHORT_BODY = "The request body is shorter than its Content-Length.";

  /**
   * What every request of the main port goes through, whatever its HTTP version.
   *
   * @param maxBodyBytes the largest body accepted; larger ones get 413
   * @param deadlines the read deadline of each request's head and body
   * @param inFlight requests being answered, for graceful shutdown
   * @param clients tells the client's address from the peer's
   * @param management the operator's endpoints, when they are served on the main port
   */
  public record Edge(
      UcwaApi api,
      long maxBodyBytes,
      RequestDeadlines deadlines,
      AtomicInteger inFlight,
      ClientAddresses clients,
      Optional<Management> management) {}

  private final Edge edge;
  private final UcwaApi api;
  private final String peer;
  private volatile boolean busy;

  /**
   * @param peer the address of the connection's peer
   */
  public Http10Connection(Edge edge, String peer) {
    this.edge = edge;
    this.api = edge.api();
    this.peer = peer;
  }

  /** Whether a request is being answered (the connection is not idle). */
  public boolean busy() {
    return busy;
  }

  /** Answers requests until the client closes, a response closes, or the input is unreadable. */
  public void serve(InputStream in, OutputStream out) throws IOException {
    while (true) {
      // Waiting for the next request is bounded by the idle timeout; from its first byte on, by
      // the read deadline (the first request's began when the connection's first bytes came).
      int first = in.read();
      if (first < 0) {
        return;
      }
      edge.deadlines().begin();
      try {
        Optional<String> requestLine = readLine(in, first);
        if (requestLine.isEmpty()) {
          return;
        }
        busy = true;
        if (!answer(requestLine.get(), in, out)) {
          return;
        }
      } finally {
        busy = false;
        edge.deadlines().lift();
      }
    }
  }

  /** Answers one request; returns whether the connection stays open. */
  private boolean answer(String requestLine, InputStream in, OutputStream out) throws IOException {
    String[] parts = requestLine.split(" ", -1);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (parts.length != 3 || !parts[2].equals("HTTP/1.0")) {
      // Neither 1.0 nor (else it would be served as such) 1.1: answered at once, and closed.
      boolean version = parts.length == 3 && parts[2].matches("HTTP/[0-9]+(\\.[0-9]+)?");
      write(
          out,
          HTTP11,
          "GET",
          version ? versionNotSupported(parts[2]) : badRequest(headers, READ_AS_HTTP10),
          false);
      return false;
    }
    if (!readHeaders(in, headers)) {
      write(out, HTTP10, "GET", badRequest(headers, READ_AS_HTTP10), false);
      return false;
    }
    edge.deadlines().arm();
    edge.inFlight().incrementAndGet();
    try {
      return answer(parts[0], parts[1], headers, in, out);
    } finally {
      edge.inFlight().decrementAndGet();
    }
  }

  /** Answers one request whose head has been read; returns whether the connection stays open. */
  private boolean answer(
      String method,
      String target,
      Map<String, List<String>> headers,
      InputStream in,
      OutputStream out)
      throws IOException {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    HttpRequest head = new HttpRequest(method, path, query, headers, new byte[0]);
    boolean keepAlive = head.header("connection").map(v -> hasToken(v, "keep-alive")).orElse(false);
    Optional<String> framing = Framing.problem(headers);
    if (framing.isPresent()) {
      write(out, HTTP10, method, badRequest(headers, framing.get()), false);
      return false;
    }
    if (head.header("transfer-encoding").isPresent()) {
      // chunked is HTTP/1.1's: a 1.0 body is framed by its length or by the end of the connection
      write(out, HTTP10, method, badRequest(headers, READ_AS_HTTP10), false);
      return false;
    }
    long length = head.header("content-length").map(Framing::length).orElse(0L);
    if (length > edge.maxBodyBytes()) {
      // Read and drop the refused body, up to a bound, so that the client reads the 413 rather
      // than a reset connection.
      boolean drained = Framing.discarded(in, length, Framing.drainBound(edge.maxBodyBytes()));
      if (!edge.deadlines().lift()) {
        return false;
      }
      write(out, HTTP10, method, tooLarge(head), keepAlive && drained);
      return keepAlive && drained;
    }
    byte[] body = in.readNBytes((int) length);
    if (!edge.deadlines().lift()) {
      return false; // too slow: the client is not reading a response
    }
    if (body.length < length) {
      write(out, HTTP10, method, badRequest(headers, SHORT_BODY), false);
      return false;
    }
    HttpResponse response;
    Optional<HttpResponse> operator = edge.management().flatMap(m -> m.answer(method, path));
    if (operator.isPresent()) {
      response = operator.get();
    } else {
      List<String> forwarded = head.headers().getOrDefault("x-forwarded-for", List.of());
      String client =
          edge.clients()
              .of(
                  peer,
                  forwarded.isEmpty()
                      ? Optional.empty()
                      : Optional.of(forwarded.get(forwarded.size() - 1)));
      response = api.handle(new HttpRequest(method, path, query, head.headers(), body, client));
    }
    boolean keep = keepAlive && !"close".equalsIgnoreCase(response.headers().get("Connection"));
    write(out, HTTP10, method, response, keep);
    return keep;
  }

  private HttpResponse tooLarge(HttpRequest head) {
    return api.error(
        new UcwaException(
            ErrorCode.EntityTooLarge,
            Subcode.EntityTooLarge,
            "The request body is larger than " + edge.maxBodyBytes() + " bytes."),
        head.header("accept"));
  }

  private HttpResponse versionNotSupported(String version) {
    HttpResponse e =
        api.error(
            new UcwaException(
                ErrorCode.ServiceFailure,
                null,
                version + " is not supported; send HTTP/1.1 or HTTP/1.0."),
            Optional.empty());
    return new HttpResponse(505, e.headers(), e.body());
  }

  private HttpResponse badRequest(Map<String, List<String>> headers, String message) {
    return api.error(
        UcwaException.badRequest(Subcode.BadRequest, message),
        new HttpRequest("GET", "/", "", headers, null).header("accept"));
  }

  /** Reads header lines up to the blank line; false when one is malformed or there are too many. */
  private static boolean readHeaders(InputStream in, Map<String, List<String>> headers)
      throws IOException {
    for (int i = 0; i <= MAX_HEADERS; i++) {
      Optional<String> line = readLine(in);
      if (line.isEmpty()) {
        return false;
      }
      if (line.get().isEmpty()) {
        return true;
      }
      int colon = line.get().indexOf(':');
      if (colon <= 0 || line.get().substring(0, colon).isBlank()) {
        return false;
      }
      headers
          .computeIfAbsent(line.get().substring(0, colon).trim(), k -> new ArrayList<>())
          .add(line.get().substring(colon + 1).trim());
    }
    return false;
  }

  /** One line without its CRLF (or bare LF); empty at the end of the input or past the limit. */
  private static Optional<String> readLine(InputStream in) throws IOException {
    return readLine(in, in.read());
  }

  /** As {@link #readLine(InputStream)}, the line's first byte already read. */
  private static Optional<String> readLine(InputStream in, int first) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int c = first; c >= 0; c = in.read()) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return Optional.of(new String(b, 0, n, StandardCharsets.ISO_8859_1));
      }
      if (line.size() >= MAX_LINE) {
        return Optional.empty();
      }
      line.write(c);
    }
    return Optional.empty();
  }

  private static boolean hasToken(String value, String token) {
    for (String t : value.split(",")) {
      if (t.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** The status line, the headers with Content-Length, and the body unless the request was HEAD. */
  private static void write(
      OutputStream out, String version, String method, HttpResponse r, boolean keepAlive)
      throws IOException {
    StringBuilder h = new StringBuilder(256);
    h.append(version)
        .append(' ')
        .append(r.status())
        .append(' ')
        .append(ReasonPhrase.of(r.status()));
    h.append("\r\nDate: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    r.headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Connection") && !k.equalsIgnoreCase("Content-Length")) {
                h.append("\r\n").append(k).append(": ").append(v);
              }
            });
    h.append("\r\nContent-Length: ").append(r.body().length);
    h.append("\r\nConnection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!method.toUpperCase(Locale.ROOT).equals("HEAD")) {
      out.write(r.body());
    }
    out.flush();
  }
}
