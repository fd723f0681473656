package org.openucwa.web.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.web.HttpResponse;

/** How the codec writes a batch response, read back with the independent test reader. */
class BatchCodecFormatTest {

  @Test
  void everyResponseComesBackInOrderWithItsStatusHeadersAndBody() {
    List<HttpResponse> responses =
        List.of(
            HttpResponse.of(200, "application/json; charset=utf-8", utf8("{\"rel\":\"me\"}")),
            HttpResponse.empty(204),
            HttpResponse.of(404, "text/plain", utf8("not here\r\n--not-a-boundary\r\n")));

    BatchCodec.Formatted formatted = BatchCodec.format(responses);
    List<HttpMessages.Message> parts =
        HttpMessages.parts(formatted.contentType(), formatted.body());

    assertThat(parts).extracting(HttpMessages.Message::status).containsExactly(200, 204, 404);
    assertThat(parts)
        .extracting(HttpMessages.Message::bodyText)
        .containsExactly("{\"rel\":\"me\"}", "", "not here\r\n--not-a-boundary\r\n");
    assertThat(parts.get(0).header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(parts).extracting(p -> p.header("Content-Length")).containsExactly("12", "0", "28");
  }

  @Test
  void theContentLengthWrittenIsTheBodysOwnWhateverTheHeadersSaid() {
    HttpResponse lying = new HttpResponse(200, Map.of("content-length", "999"), utf8("é"));

    BatchCodec.Formatted formatted = BatchCodec.format(List.of(lying));
    String text = new String(formatted.body(), StandardCharsets.ISO_8859_1);

    assertThat(text).containsOnlyOnce("Content-Length").contains("Content-Length: 2\r\n");
    assertThat(text).doesNotContainIgnoringCase("length: 999");
  }

  @Test
  void theBoundaryIsAFreshQuotedUuidThatFramesTheBody() {
    BatchCodec.Formatted first = BatchCodec.format(List.of(HttpResponse.empty(204)));
    BatchCodec.Formatted second = BatchCodec.format(List.of(HttpResponse.empty(204)));

    assertThat(first.contentType()).matches("multipart/batching; boundary=\"[0-9a-f-]{36}\"");
    assertThat(first.contentType()).isNotEqualTo(second.contentType());
    String boundary = first.contentType().replaceAll(".*boundary=\"(.*)\"", "$1");
    assertThat(new String(first.body(), StandardCharsets.US_ASCII))
        .startsWith("--" + boundary + "\r\nContent-Type: application/http; msgtype=response\r\n")
        .endsWith("\r\n--" + boundary + "--\r\n");
  }

  @Test
  void aHeaderValueCannotBreakTheFraming() {
    HttpResponse sneaky = HttpResponse.empty(200).withHeader("X-Note", "a\r\n\r\nHTTP/1.1 500");

    BatchCodec.Formatted formatted = BatchCodec.format(List.of(sneaky));

    List<HttpMessages.Message> parts =
        HttpMessages.parts(formatted.contentType(), formatted.body());
    assertThat(parts)
        .singleElement()
        .extracting(p -> p.header("X-Note"))
        .isEqualTo("a    HTTP/1.1 500");
  }

  @Test
  void noResponsesMakeABodyWithOnlyTheClosingDelimiter() {
    BatchCodec.Formatted formatted = BatchCodec.format(List.of());

    assertThat(new String(formatted.body(), StandardCharsets.US_ASCII))
        .matches("--[0-9a-f-]{36}--\r\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      200 | OK
      201 | Created
      204 | No Content
      400 | Bad Request
      401 | Unauthorized
      403 | Forbidden
      404 | Not Found
      405 | Method Not Allowed
      409 | Conflict
      410 | Gone
      412 | Precondition Failed
      413 | Request Entity Too Large
      415 | Unsupported Media Type
      428 | Precondition Required
      429 | Too Many Requests
      500 | Internal Server Error
      503 | Service Unavailable
      504 | Gateway Timeout
      418 | Unknown
      302 | Unknown
      """)
  void theStatusLineCarriesTheStandardReasonPhrase(int status, String phrase) {
    BatchCodec.Formatted formatted = BatchCodec.format(List.of(HttpResponse.empty(status)));

    assertThat(new String(formatted.body(), StandardCharsets.US_ASCII))
        .contains("\r\n\r\nHTTP/1.1 " + status + " " + phrase + "\r\n");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
