package org.openucwa.web;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Takes every connection of the main port, so that the read deadline ({@link RequestDeadlines})
 * covers each request from its first byte: the first request's from the moment the connection's
 * first bytes are looked at, and each later request's from the first byte read after the previous
 * one was read whole. An HTTP/1.1 connection is served by the server library's own connection,
 * reading through a reader that tells the deadline when bytes arrive; any other is served by {@link
 * Http10Connection} over the socket's streams (HTTP/1.0, or an error for another version).
 *
 * <p>Threading: the library identifies a connection and then serves it on one virtual thread, so
 * {@link #supports} and every read of a connection run on that connection's thread, where the
 * deadline's watch is.
 */
final class Connections implements ServerConnectionSelector {

  private static final int MAX_PROLOGUE = 8192;

  private final ServerConnectionSelector http1;
  private final RequestDeadlines deadlines;
  private final Http10Connection.Edge edge;

  Connections(Http1Config http1Config, RequestDeadlines deadlines, Http10Connection.Edge edge) {
    this.http1 = Http1ConnectionSelector.builder().config(http1Config).build();
    this.deadlines = deadlines;
    this.edge = edge;
  }

  @Override
  public int bytesToIdentifyConnection() {
    return 0;
  }

  @Override
  public Support supports(BufferData data) {
    // Called once the connection's first bytes are here. Claimed at once, before the library's
    // HTTP/1.1 selector (asked after this one) claims a request line that is not whole yet.
    deadlines.begin();
    return Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return Set.of();
  }

  @Override
  public ServerConnection connection(ConnectionContext context) {
    if (firstLine(context.dataReader()).endsWith(" HTTP/1.1")) {
      return http1.connection(new WatchedReads(context, deadlines));
    }
    String peer =
        context.remotePeer().address() instanceof InetSocketAddress a && a.getAddress() != null
            ? a.getAddress().getHostAddress()
            : "";
    return new Http10ServerConnection(context, new Http10Connection(edge, peer));
  }

  /**
   * The connection's first line, without consuming it, read on until its end (under the read
   * deadline); past {@link #MAX_PROLOGUE} bytes, what has come (the library then refuses it).
   */
  private static String firstLine(DataReader reader) {
    while (true) {
      BufferData start = reader.getBuffer(reader.available());
      int newLine = start.indexOf((byte) '\n');
      if (newLine >= 0) {
        return start.readString(newLine).stripTrailing();
      }
      if (start.available() > MAX_PROLOGUE) {
        return " HTTP/1.1";
      }
      reader.pullData(); // the end of the stream ends the connection
    }
  }

  /**
   * The connection's context with a reader that starts the deadline of a request when its first
   * bytes arrive: bytes read while no request is being read begin the next one.
   */
  private static final class WatchedReads implements ConnectionContext {
    private final ConnectionContext context;
    private final DataReader reader;

    WatchedReads(ConnectionContext context, RequestDeadlines deadlines) {
      this.context = context;
      DataReader socket = context.dataReader();
      Supplier<byte[]> reads =
          () -> {
            try {
              while (socket.available() == 0) {
                socket.pullData();
              }
            } catch (DataReader.InsufficientDataAvailableException e) {
              return null; // the peer closed
            }
            byte[] bytes = socket.readBytes(socket.available());
            deadlines.begin();
            return bytes;
          };
      this.reader = new DataReader(reads);
    }

    @Override
    public DataReader dataReader() {
      return reader;
    }

    @Override
    public ListenerContext listenerContext() {
      return context.listenerContext();
    }

    @Override
    public ExecutorService executor() {
      return context.executor();
    }

    @Override
    public DataWriter dataWriter() {
      return context.dataWriter();
    }

    @Override
    public Router router() {
      return context.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
      return context.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
      return context.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
      return context.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
      return context.localPeer();
    }

    @Override
    public boolean isSecure() {
      return context.isSecure();
    }

    @Override
    public String socketId() {
      return context.socketId();
    }

    @Override
    public String childSocketId() {
      return context.childSocketId();
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
        // the client went away, sent what cannot be read, or too slowly; the library closes the
        // socket
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
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);

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
