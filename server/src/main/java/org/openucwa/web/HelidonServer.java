package org.openucwa.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
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
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Set;
import java.util.concurrent.Semaphore;
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
 * <p>The library answers HTTP/1.1 only (an HTTP/1.0 request gets 505 from it); a connection whose
 * first request line ends in {@code HTTP/1.0} is taken by a connection selector of our own and
 * served by {@link Http10Connection} over the socket's streams.
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
   * @param readTimeout how long a request's headers may take after its request line, and its body
   *     after its headers
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
            deadlines.arm();
          }

          @Override
          public void headers(ConnectionContext ctx, Headers headers) {
            deadlines.arm();
          }
        };
    WebServerConfig.Builder b =
        WebServer.builder()
            .host(host)
            .port(port)
            .shutdownHook(false)
            .idleConnectionTimeout(idleTimeout)
            .idleConnectionPeriod(Duration.ofSeconds(30))
            .shutdownGracePeriod(Duration.ofMillis(500))
            .protocolsDiscoverServices(false)
            .addProtocol(Http1Config.builder().addReceiveListener(deadlineStarts).build())
            .routing(r -> r.any(this::serve))
            .addConnectionSelector(new Http10Selector())
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
      boolean consumed = drained(req, declared);
      if (!deadlines.lift()) {
        throw new CloseConnectionException("request body not received in time");
      }
      response = tooLarge(probe, consumed);
    } else {
      byte[] body;
      try {
        body =
            req.content().hasEntity()
                ? readBody(req.content().inputStream(), declared)
                : new byte[0];
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
      if (!deadlines.lift()) {
        throw new CloseConnectionException("request body not received in time");
      }
      response =
          body == null
              ? tooLarge(probe, drained(req, Long.MAX_VALUE))
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
      Status reported,
      ServerResponseHeaders headers,
      String message) {
    // The library failing before it has a request means the client sent too little (the
    // connection ended within the headers) or something unreadable: its fault, answered and
    // logged as such.
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

  /**
   * Claims connections whose first request line is not HTTP/1.1 (the library's selector takes
   * those): HTTP/1.0 ones are served, any other gets an error from {@link Http10Connection}.
   */
  private final class Http10Selector implements ServerConnectionSelector {

    private static final int MAX_PROLOGUE = 8192;

    @Override
    public int bytesToIdentifyConnection() {
      return 0;
    }

    @Override
    public Support supports(BufferData data) {
      int newLine = data.indexOf((byte) '\n');
      if (newLine < 0) {
        return data.available() > MAX_PROLOGUE ? Support.UNSUPPORTED : Support.UNKNOWN;
      }
      // Every first line but an HTTP/1.1 one: 1.0 is served, anything else answered with an error.
      String line = data.readString(newLine).stripTrailing();
      return line.endsWith(" HTTP/1.1") ? Support.UNSUPPORTED : Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
      return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
      return new Http10ServerConnection(context, new Http10Connection(api, maxBodyBytes));
    }
  }

  /** One HTTP/1.0 connection: the library's reader and writer as plain streams. */
  private static final class Http10ServerConnection implements ServerConnection {

    private final ConnectionContext context;
    private final Http10Connection connection;
    private volatile long idleSinceNanos = System.nanoTime();

    Http10ServerConnection(ConnectionContext context, Http10Connection connection) {
      this.context = context;
      this.connection = connection;
    }

    @Override
    public void handle(Semaphore requestSemaphore) {
      try {
        connection.serve(
            new ReaderStream(context.dataReader()), new WriterStream(context.dataWriter()));
      } catch (IOException | RuntimeException e) {
        // the client went away or sent what cannot be read; the library closes the socket
      }
    }

    @Override
    public Duration idleTime() {
      if (connection.busy()) {
        idleSinceNanos = System.nanoTime();
        return Duration.ZERO;
      }
      return Duration.ofNanos(System.nanoTime() - idleSinceNanos);
    }

    @Override
    public void close(boolean interrupt) {
      context.serverSocket().close();
    }
  }

  /** The library's socket reader as an InputStream; end of stream when the peer closes. */
  private static final class ReaderStream extends InputStream {
    private final DataReader reader;

    ReaderStream(DataReader reader) {
      this.reader = reader;
    }

    private boolean ready() {
      try {
        if (reader.available() == 0) {
          reader.ensureAvailable();
        }
        return reader.available() > 0;
      } catch (DataReader.InsufficientDataAvailableException e) {
        return false;
      }
    }

    @Override
    public int read() {
      return ready() ? reader.read() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!ready()) {
        return -1;
      }
      int n = Math.min(len, reader.available());
      System.arraycopy(reader.readBytes(n), 0, b, off, n);
      return n;
    }
  }

  /** Collects what is written and hands it to the library's socket writer on flush. */
  private static final class WriterStream extends OutputStream {
    private final DataWriter writer;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream(1024);

    WriterStream(DataWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public void flush() {
      if (pending.size() > 0) {
        writer.writeNow(BufferData.create(pending.toByteArray()));
        pending.reset();
      }
    }
  }
}
