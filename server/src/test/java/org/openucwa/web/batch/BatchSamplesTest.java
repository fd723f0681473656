package org.openucwa.web.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.web.HttpRequest;
import org.openucwa.web.HttpResponse;

/**
 * The samples of the reference, kept under {@code src/test/resources/batch/} with CRLF line ends:
 * batching-requests-request.http and batching-requests-response.http from BatchingRequests.md
 * ("Batch examples"), batch-ref-xml-request.http from batch_ref.md ("XML Request", with the blank
 * line after the outer headers that the page leaves out).
 */
class BatchSamplesTest {

  @Test
  void theBatchingRequestsSampleYieldsItsTwoGetsInOrder() {
    HttpMessages.Message outer = HttpMessages.sample("batching-requests-request.http");

    List<HttpRequest> requests =
        BatchCodec.parse(outer.header("Content-Type"), outer.body(), outer.asRequest());

    assertThat(requests)
        .extracting(HttpRequest::method, HttpRequest::path, HttpRequest::rawQuery)
        .containsExactly(
            tuple("GET", "/ucwa/oauth/v1/applications/103/people/contacts", ""),
            tuple("GET", "/ucwa/oauth/v1/applications/103/me", ""));
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.header("Accept")).contains("application/json");
              assertThat(r.header("Host")).contains("lyncweb.contoso.com");
              assertThat(r.header("Authorization")).contains("Bearer cwt=AAEB...buHc");
              assertThat(r.header("X-Ms-Origin")).isEmpty();
              assertThat(r.body()).isEmpty();
            });
  }

  @Test
  void theBatchReferenceXmlSampleIsReadDespiteItsQuotedBoundaryAndWrongPartLength() {
    HttpMessages.Message outer = HttpMessages.sample("batch-ref-xml-request.http");

    List<HttpRequest> requests =
        BatchCodec.parse(outer.header("Content-Type"), outer.body(), outer.asRequest());

    assertThat(requests)
        .extracting(HttpRequest::path)
        .containsExactly(
            "/ucwa/v1/applications/11540713861/policies",
            "/ucwa/v1/applications/11540713861/me/phones");
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.header("Accept")).contains("application/vnd.microsoft.com.ucwa+xml");
              assertThat(r.header("Authorization"))
                  .contains("Bearer cwt=PHNhbWw6QXNzZXJ0aW9uIHhtbG5...uZm8");
              assertThat(r.body()).isEmpty();
            });
  }

  @Test
  void theTestReaderReadsTheBatchingRequestsResponseSample() {
    HttpMessages.Message outer = HttpMessages.sample("batching-requests-response.http");

    List<HttpMessages.Message> parts =
        HttpMessages.parts(outer.header("Content-Type"), outer.body());

    assertThat(parts).extracting(HttpMessages.Message::status).containsExactly(200, 200);
    assertThat(parts.get(0).bodyText()).contains("\"rel\":\"myContacts\"").endsWith("}");
    assertThat(parts.get(1).bodyText()).contains("\"rel\":\"me\"").endsWith("}");
  }

  @Test
  void formattedPartsHaveTheShapeOfTheResponseSample() {
    HttpMessages.Message sample = HttpMessages.sample("batching-requests-response.http");
    byte[] json = "{\"rel\":\"me\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse me =
        new HttpResponse(
            200,
            Map.of("Cache-Control", "no-cache", "Content-Type", "application/json; charset=utf-8"),
            json);

    BatchCodec.Formatted formatted = BatchCodec.format(List.of(me));

    assertThat(formatted.contentType()).matches("multipart/batching; boundary=\"[0-9a-f-]{36}\"");
    String samplePartHead = partHead(sample.bodyText());
    assertThat(partHead(new String(formatted.body(), StandardCharsets.UTF_8)))
        .isEqualTo(samplePartHead)
        .isEqualTo("Content-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\n");
  }

  /** The first part from its MIME header to the end of its status line. */
  private static String partHead(String body) {
    int start = body.indexOf("\r\n") + 2;
    int statusEnd = body.indexOf("\r\n", body.indexOf("HTTP/1.1", start)) + 2;
    return body.substring(start, statusEnd);
  }
}
