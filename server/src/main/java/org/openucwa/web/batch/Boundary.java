package org.openucwa.web.batch;

import java.util.regex.Pattern;

/**
 * Takes the boundary out of a batch's Content-Type and checks it against RFC 2046 (1 to 70 of its
 * characters, not ending in a space), so that a bad header fails with a clear message rather than
 * as "no parts". Stateless.
 */
final class Boundary {

  private static final String BCHARS_NO_SPACE = "0-9A-Za-z'()+_,\\-./:=?";
  private static final Pattern VALID =
      Pattern.compile("[" + BCHARS_NO_SPACE + " ]{0,69}[" + BCHARS_NO_SPACE + "]");

  private Boundary() {}

  static String of(String contentTypeHeader) {
    MediaType type = MediaType.parse(contentTypeHeader);
    if (!type.essence().equals("multipart/batching")) {
      throw new BatchFormatException(
          "Content-Type is '" + contentTypeHeader + "', not multipart/batching");
    }
    String boundary =
        type.parameter("boundary")
            .orElseThrow(
                () ->
                    new BatchFormatException(
                        "Content-Type '" + contentTypeHeader + "' has no boundary parameter"));
    if (!VALID.matcher(boundary).matches()) {
      throw new BatchFormatException("invalid boundary '" + boundary + "'");
    }
    return boundary;
  }
}
