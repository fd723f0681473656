package org.openucwa.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A lean HTTP/1.1 client over one keep-alive socket: a request out, its response in, in turn. It
 * understands what the UCWA server sends (a status line, headers, a body of Content-Length bytes)
 * and nothing more, which keeps ten thousand open channels cheap in the driver: a socket, a 2 KB
 * buffer and a virtual thread each.
 *
 * <p>Threading: one connection is used by one thread at a time; {@link #close} may come from any
 * thread and makes a blocked read fail.
 */
final class HttpConnection implements AutoCloseable {

  /**
   * Without field-name canonicalization: with thousands of connections parsing at once, Jackson's
   * shared table of names was copied and its intern cache counted on almost every response (about
   * 8% of the driver's CPU in a release of 10,000 P-GETs).
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());

  private static final int MAX_LINE = 8 * 1024;
  private static final int MAX_HEADERS = 100;

  /** A response, with the moment its last byte was read. */
  record Response(int status, Map<String, String> headers, byte[] body, long receivedAtMicros) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final BufferedInputStream in;
  private final OutputStream out;
  private final String host;

  private HttpConnection(Socket socket, String host) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 2048);
    this.out = socket.getOutputStream();
    this.host = host;
  }

  static HttpConnection open(InetSocketAddress address, Duration readTimeout) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) readTimeout.toMillis());
      s.connect(address, 10_000);
      return new HttpConnection(s, address.getHostString() + ":" + address.getPort());
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  Response get(String target, Optional<String> bearer) throws IOException {
    return exchange("GET", target, bearer, Optional.empty(), new byte[0]);
  }

  Response delete(String target, Optional<String> bearer) throws IOException {
    return exchange("DELETE", target, bearer, Optional.empty(), new byte[0]);
  }

  Response post(String target, Optional<String> bearer, String contentType, String body)
      throws IOException {
    return exchange(
        "POST", target, bearer, Optional.of(contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  private Response exchange(
      String method,
      String target,
      Optional<String> bearer,
      Optional<String> contentType,
      byte[] body)
      throws IOException {
    StringBuilder h =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(host)
            .append("\r\n")
            .append("Accept: application/json\r\n");
    bearer.ifPresent(t -> h.append("Authorization: Bearer ").append(t).append("\r\n"));
    contentType.ifPresent(t -> h.append("Content-Type: ").append(t).append("\r\n"));
    if (body.length > 0 || !method.equals("GET")) {
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    out.write(request);
    out.flush();
    return readResponse();
  }

  private Response readResponse() throws IOException {
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; ; i++) {
      if (i == MAX_HEADERS) {
        throw new IOException("more than " + MAX_HEADERS + " header lines");
      }
      String line = readLine();
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    if (headers.containsKey("transfer-encoding")) {
      throw new IOException("chunked responses are not expected from this server");
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("connection closed within a response body");
    }
    return new Response(status, headers, body, Micros.now());
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int i = 0; i < MAX_LINE; i++) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int n =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    throw new IOException("a header line longer than " + MAX_LINE + " bytes");
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
