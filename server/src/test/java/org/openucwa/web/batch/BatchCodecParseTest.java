package org.openucwa.web.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.web.batch.Batches.crlf;
import static org.openucwa.web.batch.Batches.lf;
import static org.openucwa.web.batch.Batches.outer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.web.HttpRequest;

/** How the codec reads well-formed batches, in the variants that clients send. */
class BatchCodecParseTest {

  private static final String ME = "/ucwa/oauth/v1/applications/103/me";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "multipart/batching;boundary=b",
        "multipart/batching; boundary=\"b\"",
        "Multipart/Batching ; Boundary = b ; charset=utf-8",
        "multipart/batching; charset=\"a;b\"; boundary=\"b\""
      })
  void theBoundaryIsFoundQuotedOrNotWithAnySpacing(String contentType) {
    List<HttpRequest> requests = BatchCodec.parse(contentType, Batches.gets(ME), outer());

    assertThat(requests).extracting(HttpRequest::path).containsExactly(ME);
  }

  @Test
  void bareLfLineEndsAreReadLikeCrlf() {
    byte[] body =
        lf(
            """
        --b
        Content-Type: application/http; msgtype=request

        GET /a?x=1 HTTP/1.1
        Accept: application/json

        --b
        Content-Type: application/http; msgtype=request

        DELETE /b HTTP/1.1

        --b--
        """);

    List<HttpRequest> requests = BatchCodec.parse("multipart/batching;boundary=b", body, outer());

    assertThat(requests).extracting(HttpRequest::method).containsExactly("GET", "DELETE");
    assertThat(requests.get(0).rawQuery()).isEqualTo("x=1");
    assertThat(requests.get(0).header("Accept")).contains("application/json");
  }

  @Test
  void aPostBodyEndsWhereItsContentLengthSays() {
    String json = "{\"name\":\"Zoë\"}";
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    byte[] body =
        crlf(
            """
        --b
        Content-Type: application/http; msgtype=request
        Content-Transfer-Encoding: binary

        POST /ucwa/oauth/v1/applications/103/people/groups HTTP/1.1
        Content-Type: application/json
        Content-Length: %d

        %s

        --b--
        """
                .formatted(length, json));

    HttpRequest post = BatchCodec.parse("multipart/batching;boundary=b", body, outer()).get(0);

    assertThat(post.method()).isEqualTo("POST");
    assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo(json);
    assertThat(post.header("Content-Type")).contains("application/json");
  }

  @Test
  void withoutContentLengthTheBodyRunsToTheLineEndBeforeTheNextBoundary() {
    byte[] body =
        crlf(
            """
        --b
        Content-Type: application/http; msgtype=request

        PUT /note HTTP/1.1

        line one
        line two
        --b--
        """);

    HttpRequest put = BatchCodec.parse("multipart/batching;boundary=b", body, outer()).get(0);

    assertThat(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo("line one\r\nline two");
  }

  @Test
  void anAbsoluteRequestTargetKeepsOnlyItsPathAndQuery() {
    byte[] body =
        Batches.gets(
            "https://lyncweb.contoso.com:443/ucwa/oauth/v1/applications/103"
                + "/people/search?query=dana&limit=5");

    HttpRequest get = BatchCodec.parse("multipart/batching;boundary=b", body, outer()).get(0);

    assertThat(get.path()).isEqualTo("/ucwa/oauth/v1/applications/103/people/search");
    assertThat(get.rawQuery()).isEqualTo("query=dana&limit=5");
  }

  @Test
  void aPartWithoutAuthorizationInheritsTheOuterOneAndNothingElse() {
    HttpRequest get =
        BatchCodec.parse("multipart/batching;boundary=b", Batches.gets(ME), outer()).get(0);

    assertThat(get.headers()).containsOnlyKeys("accept", "authorization");
    assertThat(get.headers().get("authorization")).containsExactly(Batches.TOKEN);
  }

  @Test
  void aPartWithItsOwnAuthorizationKeepsIt() {
    byte[] body =
        crlf(
            """
        --b
        Content-Type: application/http; msgtype=request

        GET /me HTTP/1.1
        authorization: Bearer cwt=inner

        --b--
        """);

    HttpRequest get = BatchCodec.parse("multipart/batching;boundary=b", body, outer()).get(0);

    assertThat(get.headers().get("authorization")).containsExactly("Bearer cwt=inner");
  }

  @Test
  void withoutAnOuterAuthorizationNoneIsAdded() {
    HttpRequest anonymous = new HttpRequest("POST", "/batch", "", Map.of(), new byte[0]);

    HttpRequest get =
        BatchCodec.parse("multipart/batching;boundary=b", Batches.gets(ME), anonymous).get(0);

    assertThat(get.header("Authorization")).isEmpty();
  }

  @Test
  void aPreambleAnEpilogueAndALowerCaseMethodAreTolerated() {
    byte[] body =
        crlf(
            """
        This is a preamble.
        --b
        Content-Type: application/http;msgtype=request

        get /me HTTP/1.1

        --b--
        This is an epilogue.
        """);

    HttpRequest get = BatchCodec.parse("multipart/batching;boundary=b", body, outer()).get(0);

    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.path()).isEqualTo("/me");
  }
}
