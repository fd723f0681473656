package org.openucwa.web.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the parts of a multipart body (RFC 2046 section 5.1.1): a delimiter is a line that starts
 * with {@code --boundary}, the line end before it belongs to the delimiter, text before the first
 * one and after the closing {@code --boundary--} is ignored. Only offsets are computed, so counting
 * parts against the limit costs no parsing. Stateless.
 */
final class MultipartSplitter {

  /** The content of one part: {@code [start, end)} in the body text. */
  record Span(int start, int end) {}

  private MultipartSplitter() {}

  static List<Span> split(String text, String boundary) {
    String dash = "--" + boundary;
    int at = nextDelimiter(text, dash, 0);
    if (at < 0) {
      throw new BatchFormatException("no part starts with the boundary '" + boundary + "'");
    }
    List<Span> parts = new ArrayList<>();
    while (!text.startsWith("--", at + dash.length())) {
      int start = lineEndAfter(text, at + dash.length());
      int next = nextDelimiter(text, dash, start);
      if (next < 0) {
        throw new BatchFormatException(
            "the closing delimiter '" + dash + "--' is missing after part " + (parts.size() + 1));
      }
      parts.add(new Span(start, Math.max(start, withoutLineEnd(text, next))));
      at = next;
    }
    if (parts.isEmpty()) {
      throw new BatchFormatException("the batch has no parts");
    }
    return parts;
  }

  /** The offset of the next delimiter line at or after {@code from}, or -1. */
  private static int nextDelimiter(String text, String dash, int from) {
    for (int i = text.indexOf(dash, from); i >= 0; i = text.indexOf(dash, i + 1)) {
      boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
      if (lineStart && endsDelimiterLine(text, i + dash.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Whether what follows {@code --boundary} is {@code --}, or blanks up to a line end. */
  private static boolean endsDelimiterLine(String text, int i) {
    if (text.startsWith("--", i)) {
      return true;
    }
    int j = i;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j == text.length() || text.charAt(j) == '\r' || text.charAt(j) == '\n';
  }

  private static int lineEndAfter(String text, int i) {
    int nl = text.indexOf('\n', i);
    return nl < 0 ? text.length() : nl + 1;
  }

  /** The offset of the line end (CRLF or LF) just before a delimiter at {@code at}. */
  private static int withoutLineEnd(String text, int at) {
    int end = at;
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && text.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return end;
  }
}
