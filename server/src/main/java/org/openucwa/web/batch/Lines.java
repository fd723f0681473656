package org.openucwa.web.batch;

/**
 * A cursor over lines of a span of text, accepting CRLF and bare LF alike, because hand-written and
 * script-built batches often use bare LF. The text is the body decoded as ISO-8859-1, one char per
 * byte, so that {@link #position()} is also a byte offset. Not thread-safe: one per part.
 */
final class Lines {

  private final String text;
  private final int end;
  private int pos;

  Lines(String text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** The next line without its line end; at the end of the span, the empty string. */
  String next() {
    int nl = text.indexOf('\n', pos);
    int lineEnd = nl < 0 || nl >= end ? end : nl;
    String line = text.substring(pos, lineEnd);
    pos = lineEnd == end ? end : lineEnd + 1;
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** The offset of the first character not yet read. */
  int position() {
    return pos;
  }

  int end() {
    return end;
  }
}
