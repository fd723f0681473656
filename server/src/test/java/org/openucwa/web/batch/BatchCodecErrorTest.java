package org.openucwa.web.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openucwa.web.batch.Batches.crlf;
import static org.openucwa.web.batch.Batches.outer;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the codec refuses, and the message a client gets back in the 400 or 429. */
class BatchCodecErrorTest {

  private static final String BATCHING = "multipart/batching;boundary=b";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      multipart/batching                            | has no boundary parameter
      multipart/batching; boundary=""               | invalid boundary ''
      multipart/batching; boundary="ends in space " | invalid boundary
      multipart/batching; boundary=a<b              | invalid boundary
      multipart/batching; boundary="unterminated    | unterminated quoted string
      multipart/mixed; boundary=b                   | not multipart/batching
      application/json                              | not multipart/batching
      """)
  void aMissingOrInvalidBoundaryIsAFormatError(String contentType, String message) {
    assertThatThrownBy(() -> BatchCodec.parse(contentType, Batches.gets("/me"), outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aBoundaryLongerThanSeventyCharactersIsAFormatError() {
    String boundary = "x".repeat(71);

    assertThatThrownBy(
            () ->
                BatchCodec.parse(
                    "multipart/batching;boundary=" + boundary, Batches.gets("/me"), outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("invalid boundary");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Content-Type: text/plain                         | 'text/plain', not application/http
      Content-Type: application/http; msgtype=response | msgtype is 'response'
      Content-Language: en                             | no Content-Type
      Content-Type: application/http\\nContent-Transfer-Encoding: base64 | 'base64' is not supported
      """)
  void aPartThatIsNotAnHttpRequestIsAFormatError(String mimeHeaders, String message) {
    String mime = mimeHeaders.replace("\\n", "\n");
    byte[] body = crlf("--b\n" + mime + "\n\nGET /me HTTP/1.1\n\n--b--\n");

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("batch part 1")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET/ucwa/v1/applications/11540713861/policiesHTTP/1.1", // batch_ref.md, "JSON Request"
        "GET /me",
        "GET /me HTTP/1.1 extra",
        "GET me HTTP/1.1",
        "GET ftp://host/me HTTP/1.1",
        "GET /me HTTP/one",
        ""
      })
  void aMalformedRequestLineIsAFormatError(String requestLine) {
    byte[] body =
        crlf(
            "--b\nContent-Type: application/http; msgtype=request\n\n"
                + requestLine
                + "\n\n--b--\n");

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("batch part 1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Content-Length: 50  | Content-Length is 50 but the body has 2 bytes
      Content-Length: two | Content-Length 'two' is not a valid length
      Content-Length: -1  | Content-Length '-1' is not a valid length
      NoColonHere         | malformed header line 'NoColonHere'
      """)
  void aBadInnerHeaderIsAFormatError(String header, String message) {
    byte[] body =
        crlf(
            "--b\nContent-Type: application/http\n\nPOST /me HTTP/1.1\n"
                + header
                + "\n\n{}\n--b--\n");

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ''                                 | no part starts with the boundary 'b'
      'no delimiter here'                | no part starts with the boundary 'b'
      '--b--'                            | the batch has no parts
      '--bb\\nContent-Type: x\\n--bb--'    | no part starts with the boundary 'b'
      """)
  void aBatchWithoutPartsIsAFormatError(String text, String message) {
    byte[] body = crlf(text.replace("\\n", "\n"));

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aBatchCutOffBeforeItsClosingDelimiterIsAFormatError() {
    byte[] body = crlf("--b\nContent-Type: application/http\n\nGET /me HTTP/1.1\n\n");

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOf(BatchFormatException.class)
        .hasMessageContaining("closing delimiter '--b--' is missing after part 1");
  }

  @Test
  void moreThanTheReferenceLimitOfAHundredPartsIsTooMany() {
    byte[] body = Batches.gets(Collections.nCopies(101, "/me").toArray(String[]::new));

    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, body, outer()))
        .isInstanceOfSatisfying(
            TooManyPartsException.class,
            e -> {
              assertThat(e.parts()).isEqualTo(101);
              assertThat(e.limit()).isEqualTo(100);
            })
        .hasMessage("the batch has 101 parts; at most 100 are accepted");
  }

  @Test
  void exactlyAHundredPartsAreAccepted() {
    byte[] body = Batches.gets(Collections.nCopies(100, "/me").toArray(String[]::new));

    assertThat(BatchCodec.parse(BATCHING, body, outer())).hasSize(100);
  }

  @Test
  void theCallerMaySetALowerLimit() {
    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, Batches.gets("/a", "/b", "/c"), outer(), 2))
        .isInstanceOf(TooManyPartsException.class);
    assertThat(BatchCodec.parse(BATCHING, Batches.gets("/a", "/b"), outer(), 2)).hasSize(2);
  }

  @Test
  void aLimitBelowOneIsAProgrammingError() {
    assertThatThrownBy(() -> BatchCodec.parse(BATCHING, Batches.gets("/a"), outer(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
