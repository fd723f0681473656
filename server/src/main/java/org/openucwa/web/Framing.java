package org.openucwa.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks how a request says its body is framed, before any of the body is read (RFC 9112 §6.1,
 * §6.3). A request whose framing two parties could read differently is how a request is smuggled
 * behind another: Content-Length together with Transfer-Encoding, Content-Lengths that disagree, a
 * transfer coding other than {@code chunked}, or a length that is not a non-negative number. Such a
 * request is answered 400 and its connection closed, since where its body ends is unknown.
 *
 * <p>A body refused for its size is read and dropped up to a bound before the refusal is sent (RFC
 * 9112 §9.6: closing while the client still sends makes its kernel discard the response); past the
 * bound the connection is closed after the response.
 *
 * <p>Stateless; allocates nothing for a request without framing headers.
 */
public final class Framing {

  private Framing() {}

  /**
   * Why the framing of a request with these headers (names in any case) cannot be trusted, or empty
   * when it can.
   */
  public static Optional<String> problem(Map<String, List<String>> headers) {
    List<String> lengths = null;
    List<String> codings = null;
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("content-length")) {
        lengths = h.getValue();
      } else if (h.getKey().equalsIgnoreCase("transfer-encoding")) {
        codings = h.getValue();
      }
    }
    if (codings != null) {
      if (lengths != null) {
        return Optional.of("A request may not carry both Content-Length and Transfer-Encoding.");
      }
      if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
        return Optional.of("The only transfer coding accepted is chunked, given once.");
      }
      return Optional.empty();
    }
    if (lengths == null) {
      return Optional.empty();
    }
    long length = -1;
    for (String value : lengths) {
      int from = 0;
      while (from <= value.length()) {
        int comma = value.indexOf(',', from);
        int to = comma < 0 ? value.length() : comma;
        long n = parse(value, from, to);
        if (n < 0) {
          return Optional.of("Content-Length must be a non-negative whole number.");
        }
        if (length >= 0 && n != length) {
          return Optional.of("The request gives different Content-Lengths.");
        }
        length = n;
        from = to + 1;
      }
    }
    return Optional.empty();
  }

  /**
   * The length a Content-Length value that {@link #problem} accepted gives (the first of a list of
   * equal ones).
   */
  public static long length(String value) {
    int comma = value.indexOf(',');
    return parse(value, 0, comma < 0 ? value.length() : comma);
  }

  /**
   * How much of a refused body (over the size limit) is read and dropped before the refusal is
   * sent, so that a client still sending reads the response rather than a reset connection: sixteen
   * times the limit, and at least 16 MiB.
   */
  public static long drainBound(long maxBodyBytes) {
    return Math.max(maxBodyBytes * 16, 16L << 20);
  }

  /**
   * Reads and drops {@code length} bytes (or, for -1, up to the end of the stream) unless that is
   * more than {@code bound}; whether all of it was read.
   */
  public static boolean discarded(InputStream in, long length, long bound) throws IOException {
    if (length > bound) {
      return false;
    }
    byte[] sink = new byte[8192];
    long left = length < 0 ? bound + 1 : length;
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return length < 0;
      }
      left -= n;
    }
    return length >= 0;
  }

  /** One Content-Length value between from and to, or -1 when it is not a decimal number. */
  private static long parse(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    if (from == to || to - from > 18) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
