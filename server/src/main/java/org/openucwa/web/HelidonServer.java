package org.openucwa.web;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * Serves the {@link UcwaApi} with the Helidon SE webserver. Every request runs on its own virtual
 * thread, so a pending P-GET is just a blocked virtual thread. The body is read whole, up to a
 * limit (413 EntityTooLarge past it, in the requested format), and every response is sent with its
 * Content-Length. Idle connections are kept longer than the longest P-GET.
 */
public final class HelidonServer {

  /** TLS material in PEM files. */
  public record Tls(Path certificateChain, Path privateKey) {}

  private final WebServer server;
  private final UcwaApi api;
  private final long maxBodyBytes;

  public HelidonServer(
      UcwaApi api,
      String host,
      int port,
      Optional<Tls> tls,
      long maxBodyBytes,
      Duration idleTimeout) {
    this.api = api;
    this.maxBodyBytes = maxBodyBytes;
    WebServerConfig.Builder b =
        WebServer.builder()
            .host(host)
            .port(port)
            .idleConnectionTimeout(idleTimeout)
            .idleConnectionPeriod(Duration.ofSeconds(30))
            .shutdownGracePeriod(Duration.ofMillis(500))
            .routing(r -> r.any(this::serve))
            .directHandlers(
                d -> {
                  for (DirectHandler.EventType t : DirectHandler.EventType.values()) {
                    d.addHandler(t, this::direct);
                  }
                });
    tls.ifPresent(
        t -> {
          Keys keys =
              Keys.builder()
                  .pem(
                      pem ->
                          pem.key(Resource.create(t.privateKey()))
                              .certChain(Resource.create(t.certificateChain())))
                  .build();
          b.tls(c -> c.privateKey(keys).privateKeyCertChain(keys));
        });
    this.server = b.build();
  }

  public HelidonServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  public void stop() {
    server.stop();
  }

  private void serve(ServerRequest req, ServerResponse res) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header h : req.headers()) {
      headers.put(h.name(), h.allValues());
    }
    String method = req.prologue().method().text();
    String path = req.path().rawPath();
    String query = req.query().rawValue();
    HttpRequest probe = new HttpRequest(method, path, query, headers, new byte[0]);
    HttpResponse response;
    long declared = probe.header("content-length").map(HelidonServer::parseLength).orElse(0L);
    if (declared > maxBodyBytes) {
      response = tooLarge(probe, drained(req, declared));
    } else {
      byte[] body =
          req.content().hasEntity() ? readBody(req.content().inputStream(), declared) : new byte[0];
      response =
          body == null
              ? tooLarge(probe, drained(req, Long.MAX_VALUE))
              : api.handle(probe.withBody(body));
    }
    send(res, response);
  }

  /**
   * Reads and drops the rest of a refused body, up to a bound, so that a client still uploading
   * reads the 413 rather than a reset connection. Returns whether the whole body was consumed, so
   * that the connection can be kept; past the bound it is closed instead.
   */
  private boolean drained(ServerRequest req, long declared) {
    long bound = Math.max(maxBodyBytes * 16, 16L << 20);
    if (declared > bound || !req.content().hasEntity()) {
      return !req.content().hasEntity();
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] sink = new byte[8192];
      long total = 0;
      for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
        total += n;
        if (total > bound) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * What the server library answers on its own, before a request reaches the API (an unreadable
   * request line, a bad Content-Length or Host): a UCWA error body too, not an empty one.
   */
  private DirectHandler.TransportResponse direct(
      DirectHandler.TransportRequest request,
      DirectHandler.EventType type,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    ErrorCode code =
        Arrays.stream(ErrorCode.values())
            .filter(c -> c.status() == status.code())
            .findFirst()
            .orElse(status.code() >= 500 ? ErrorCode.ServiceFailure : ErrorCode.BadRequest);
    Optional<String> accept;
    try {
      accept = request.headers().first(HeaderNames.ACCEPT);
    } catch (RuntimeException e) {
      accept = Optional.empty();
    }
    HttpResponse error =
        api.error(new UcwaException(code, null, "The request could not be read as HTTP."), accept);
    DirectHandler.TransportResponse.Builder b =
        DirectHandler.TransportResponse.builder()
            .status(status)
            .keepAlive(type.keepAlive())
            .entity(error.body());
    error.headers().forEach((k, v) -> b.header(HeaderNames.create(k), v));
    return b.build();
  }

  private HttpResponse tooLarge(HttpRequest request, boolean consumed) {
    HttpResponse error =
        api.error(
            new UcwaException(
                ErrorCode.EntityTooLarge,
                Subcode.EntityTooLarge,
                "The request body is larger than " + maxBodyBytes + " bytes."),
            request.header("accept"));
    return consumed ? error : error.withHeader("Connection", "close");
  }

  /**
   * The whole body, or {@code null} when it exceeds the limit. A body of declared length is read
   * into an array of that size; anything more (chunked, or beyond the declaration) is read on.
   */
  private byte[] readBody(InputStream in, long declared) throws IOException {
    byte[] first = in.readNBytes((int) declared);
    int next = in.read();
    if (next < 0) {
      return first;
    }
    byte[] rest = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes - first.length));
    byte[] data = new byte[first.length + 1 + rest.length];
    System.arraycopy(first, 0, data, 0, first.length);
    data[first.length] = (byte) next;
    System.arraycopy(rest, 0, data, first.length + 1, rest.length);
    return data.length > maxBodyBytes ? null : data;
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void send(ServerResponse res, HttpResponse response) {
    res.status(Status.create(response.status()));
    response.headers().forEach((k, v) -> res.header(HeaderNames.create(k), v));
    res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(response.body().length));
    res.send(response.body());
  }
}
