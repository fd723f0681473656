package org.openucwa.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;

/**
 * Serves the {@link UcwaApi} with the Helidon SE webserver. Every request runs on its own virtual
 * thread, so a pending P-GET is just a blocked virtual thread. The body is read whole, up to a
 * limit (413 EntityTooLarge past it, in the requested format), and every response is sent with its
 * Content-Length. Idle connections are kept longer than the longest P-GET.
 *
 * <p>The library answers HTTP/1.1 only (an HTTP/1.0 request gets 505 from it); a connection whose
 * first request line ends in {@code HTTP/1.0} is taken by a connection selector of our own and
 * served by {@link Http10Connection} over the socket's streams.
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
            .addConnectionSelector(new Http10Selector())
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
      byte[] body = req.content().hasEntity() ? readBody(req.content().inputStream()) : new byte[0];
      response =
          body == null
              ? tooLarge(probe, drained(req, Long.MAX_VALUE))
              : api.handle(new HttpRequest(method, path, query, headers, body));
    }
    send(res, response, method.equalsIgnoreCase("HEAD"));
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

  /** The whole body, or {@code null} when it exceeds the limit. */
  private byte[] readBody(InputStream in) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    return data.length > maxBodyBytes ? null : data;
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Sends the response; to a HEAD, its headers only, Content-Length still the body's. */
  private static void send(ServerResponse res, HttpResponse response, boolean head) {
    res.status(Status.create(response.status()));
    response.headers().forEach((k, v) -> res.header(HeaderNames.create(k), v));
    res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(response.body().length));
    if (head) {
      res.send();
    } else {
      res.send(response.body());
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
