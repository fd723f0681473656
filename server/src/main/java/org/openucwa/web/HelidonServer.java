package org.openucwa.web;

import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link UcwaApi} with the Helidon SE webserver. Every request runs on its own virtual
 * thread, so a pending P-GET is just a blocked virtual thread. The body is read whole, up to a
 * limit (413 EntityTooLarge past it, in the requested format), and every response is sent with its
 * Content-Length. Idle connections are kept longer than the longest P-GET.
 *
 * <p>Every connection is taken by a connection selector of our own ({@link Connections}), so that
 * the read deadline covers each request from its first byte: HTTP/1.1 ones are served by the
 * library's connection, others by {@link Http10Connection} over the socket's streams (the library
 * answers HTTP/1.1 only), through the same checks.
 *
 * <p>The edge refuses what a client did wrong without treating it as a server fault: a request
 * whose framing is ambiguous ({@link Framing}) or whose body cannot be read as framed (a bad chunk
 * size, a body shorter than its Content-Length) gets 400 and its connection is closed; headers and
 * bodies sent too slowly are cut off ({@link RequestDeadlines}); a client that goes away before its
 * response is written costs one DEBUG line. None of these log a stack trace.
 */
public final class HelidonServer {

  private static final Logger LOG = LoggerFactory.getLogger(HelidonServer.class);

  /** TLS material: the private key and the certificate chain that goes with it. */
  public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain) {}

  /** The server cannot listen where it was told to. */
  public static final class BindException extends RuntimeException {
    BindException(String message) {
      super(message, null, false, false);
    }
  }

  private static final String MANAGEMENT_SOCKET = "management";

  private final WebServer server;
  private final UcwaApi api;
  private final Management management;
  private final boolean managementApart;
  private final String host;
  private final int port;
  private final OptionalInt managementPort;
  private final String managementHost;
  private final long maxBodyBytes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final RequestDeadlines deadlines;
  private final ClientAddresses clients;

  /**
   * @param readTimeout how long a request's line and headers may take after its first byte, and its
   *     body after its headers
   * @param clients tells the client's address from the peer's (behind a trusted reverse proxy)
   * @param managementPort where {@link Management} is served; empty: on the main port
   * @param managementHost the address the management port listens on
   */
  public HelidonServer(
      UcwaApi api,
      String host,
      int port,
      Optional<TlsMaterial> tls,
      long maxBodyBytes,
      Duration idleTimeout,
      Duration readTimeout,
      ClientAddresses clients,
      Management management,
      OptionalInt managementPort,
      String managementHost) {
    this.api = api;
    this.managementHost = managementHost;
    this.clients = clients;
    this.host = host;
    this.port = port;
    this.managementPort = managementPort;
    this.management = management;
    this.managementApart = managementPort.isPresent();
    this.maxBodyBytes = maxBodyBytes;
    this.deadlines = new RequestDeadlines(readTimeout);
    Http1ConnectionListener deadlineStarts =
        new Http1ConnectionListener() {
          @Override
          public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            deadlines.begin(); // begun already, unless the request came with the previous one
          }

          @Override
          public void headers(ConnectionContext ctx, Headers headers) {
            deadlines.arm();
          }
        };
    Http1Config http1 = Http1Config.builder().addReceiveListener(deadlineStarts).build();
    Http10Connection.Edge edge =
        new Http10Connection.Edge(
            api,
            maxBodyBytes,
            deadlines,
            inFlight,
            clients,
            managementApart ? Optional.empty() : Optional.of(management));
    WebServerConfig.Builder b =
        WebServer.builder()
            .host(host)
            .port(port)
            .shutdownHook(false)
            .idleConnectionTimeout(idleTimeout)
            .idleConnectionPeriod(Duration.ofSeconds(30))
            .shutdownGracePeriod(Duration.ofMillis(500))
            .protocolsDiscoverServices(false)
            .addProtocol(http1)
            .routing(r -> r.any(this::serve))
            // asked first, it takes every connection (the library's own HTTP/1.1 selector stays
            // idle)
            .addConnectionSelector(new Connections(http1, deadlines, edge))
            .directHandlers(
                d -> {
                  for (DirectHandler.EventType t : DirectHandler.EventType.values()) {
                    d.addHandler(t, this::direct);
                  }
                });
    managementPort.ifPresent(
        p ->
            b.putSocket(
                MANAGEMENT_SOCKET,
                s ->
                    s.host(managementHost)
                        .port(p)
                        .routing(r -> r.any((req, res) -> serveManagement(req, res, true)))));
    tls.ifPresent(
        t -> {
          Tls serverTls =
              Tls.builder().privateKey(t.privateKey()).privateKeyCertChain(t.chain()).build();
          b.tls(serverTls);
        });
    this.server = b.build();
  }

  /**
   * Starts listening.
   *
   * @throws BindException when a port is in use or the address cannot be bound
   */
  public HelidonServer start() {
    probe(host, port);
    managementPort.ifPresent(p -> probe(managementHost, p));
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new BindException("cannot listen on " + host + ": " + rootMessage(e));
    }
    if (server.port() < 0 || (managementApart && server.port(MANAGEMENT_SOCKET) < 0)) {
      server.stop();
      throw new BindException(
          "cannot listen on "
              + host
              + (managementApart ? " and " + managementHost : "")
              + " (the port is in use, or the address is not one of this machine's)");
    }
    return this;
  }

  /**
   * Binds and releases the address first, so that a port in use or a foreign address gives one
   * clear line here rather than the server library's logged stack trace.
   */
  private static void probe(String host, int p) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), p));
    } catch (IOException e) {
      throw new BindException("cannot listen on " + host + ":" + p + ": " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  public int port() {
    return server.port();
  }

  /** The management port, when health and metrics have a port of their own. */
  public OptionalInt managementPort() {
    return managementApart ? OptionalInt.of(server.port(MANAGEMENT_SOCKET)) : OptionalInt.empty();
  }

  /** Requests being answered right now (held P-GETs among them). */
  public int inFlight() {
    return inFlight.get();
  }

  public void stop() {
    server.stop();
    deadlines.close();
  }

  /**
   * Health and metrics; on the management port also the operator's API, which reads only the
   * request line and headers (a body is not read).
   */
  private void serveManagement(ServerRequest req, ServerResponse res, boolean managementSocket) {
    deadlines.lift();
    String method = req.prologue().method().text();
    Optional<HttpResponse> answer = management.answer(method, req.path().rawPath());
    if (answer.isEmpty() && managementSocket) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (Header h : req.headers()) {
        headers.put(h.name(), h.allValues());
      }
      answer =
          management.admin(
              new HttpRequest(
                  method, req.path().rawPath(), req.query().rawValue(), headers, new byte[0]));
    }
    HttpResponse response =
        answer.orElseGet(() -> HttpResponse.of(404, "text/plain; charset=utf-8", new byte[0]));
    send(res, response, method.equals("HEAD"));
  }

  private void serve(ServerRequest req, ServerResponse res) throws IOException {
    String rawPath = req.path().rawPath();
    if (!managementApart && Management.handles(rawPath)) {
      serveManagement(req, res, false);
      return;
    }
    inFlight.incrementAndGet();
    try {
      serveApi(req, res);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void serveApi(ServerRequest req, ServerResponse res) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header h : req.headers()) {
      headers.put(h.name(), h.allValues());
    }
    String method = req.prologue().method().text();
    String path = req.path().rawPath();
    String query = req.query().rawValue();
    String peer =
        req.remotePeer().address() instanceof InetSocketAddress a && a.getAddress() != null
            ? a.getAddress().getHostAddress()
            : "";
    String client =
        clients.trusts(peer)
            ? clients.of(peer, lastValue(req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of)))
            : peer;
    Optional<String> framing = Framing.problem(headers);
    if (framing.isPresent()) {
      deadlines.lift();
      LOG.debug("Refused {} {}: {}", method, path, framing.get());
      send(res, badRequest(headers, framing.get()), false);
      return;
    }
    HttpRequest probe = new HttpRequest(method, path, query, headers, new byte[0]);
    HttpResponse response;
    long declared = probe.header("content-length").map(HelidonServer::parseLength).orElse(0L);
    if (declared > maxBodyBytes) {
      boolean consumed =
          !req.content().hasEntity() || drained(req.content().inputStream(), declared);
      if (!deadlines.lift()) {
        throw new CloseConnectionException("request body not received in time");
      }
      response = tooLarge(probe, consumed);
    } else {
      byte[] body;
      InputStream in = req.content().hasEntity() ? req.content().inputStream() : null;
      try {
        body = in == null ? new byte[0] : readBody(in, declared);
      } catch (IOException | RuntimeException e) {
        // A chunk size that is not a number, a body shorter than its Content-Length, a client that
        // went away or sent too slowly: the client's doing, and where the body ends is unknown.
        boolean tooSlow = !deadlines.lift();
        LOG.debug(
            "Could not read the body of {} {}: {}",
            method,
            path,
            tooSlow ? "not received in time" : String.valueOf(e.getMessage()));
        if (tooSlow) {
          throw new CloseConnectionException("request body not received in time");
        }
        send(res, badRequest(headers, "The request body could not be read as framed."), false);
        return;
      }
      // a chunked body over the limit: the rest is read and dropped too, up to the bound
      boolean consumed = body == null && drained(in, -1);
      if (!deadlines.lift()) {
        throw new CloseConnectionException("request body not received in time");
      }
      response =
          body == null
              ? tooLarge(probe, consumed)
              : api.handle(new HttpRequest(method, path, query, probe.headers(), body, client));
    }
    send(res, response, method.equalsIgnoreCase("HEAD"));
  }

  /** 400 for a request whose framing cannot be trusted; its connection is closed. */
  private HttpResponse badRequest(Map<String, List<String>> headers, String message) {
    Optional<String> accept = new HttpRequest("GET", "/", "", headers, null).header("accept");
    return api.error(UcwaException.badRequest(Subcode.BadRequest, message), accept)
        .withHeader("Connection", "close");
  }

  /**
   * Reads and drops the rest of a refused body, up to a bound ({@link Framing#drainBound}), so that
   * a client still uploading reads the 413 rather than a reset connection. Returns whether the
   * whole body was consumed, so that the connection can be kept; past the bound it is closed
   * instead.
   *
   * @param declared the body's Content-Length, or -1 when it is chunked
   */
  private boolean drained(InputStream body, long declared) {
    try {
      return Framing.discarded(body, declared, Framing.drainBound(maxBodyBytes));
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
      Status reported,
      ServerResponseHeaders headers,
      String message) {
    // The library failing before it has a request means the client sent too little (the
    // connection ended within the headers) or something unreadable: its fault, answered and
    // logged as such.
    deadlines.lift(); // the request is answered here; what follows on the connection is another
    boolean unread = reported.code() >= 500 && request == DirectHandler.TransportRequest.empty();
    Status status = unread ? Status.BAD_REQUEST_400 : reported;
    if (unread) {
      LOG.debug("Refused an unreadable request ({}): {}", type, message);
    }
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
            .keepAlive(type.keepAlive() && !unread)
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

  private static Optional<String> lastValue(List<String> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Sends the response; to a HEAD, its headers only, Content-Length still the body's. Then closes
   * the connection if the response says so (the rest of what the client sent cannot be trusted to
   * start a request). A client that went away before its response was written is no fault of the
   * server: one DEBUG line, and the connection is closed.
   */
  private static void send(ServerResponse res, HttpResponse response, boolean head) {
    res.status(Status.create(response.status()));
    response.headers().forEach((k, v) -> res.header(HeaderNames.create(k), v));
    res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(response.body().length));
    try {
      if (head) {
        res.send();
      } else {
        res.send(response.body());
      }
    } catch (UncheckedIOException e) {
      LOG.debug("The client went away before its {} response was written", response.status());
      throw new CloseConnectionException("client went away", e);
    }
    if ("close".equals(response.headers().get("Connection"))) {
      throw new CloseConnectionException("the request's framing cannot be trusted");
    }
  }
}
