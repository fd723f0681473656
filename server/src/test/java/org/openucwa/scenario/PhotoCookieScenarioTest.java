package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The cwt_ucwa cookie of CreateAnApplication.md: a browser's {@code <img>} sends no bearer token,
 * so the application's cookie lets it load photos, and nothing else.
 */
class PhotoCookieScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> getWithCookie(String href, String cookie) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + href))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void the_application_cookie_loads_photos_but_no_other_resource() throws Exception {
    UcwaClient alice = server.client("alice");
    alice.signIn();
    UcwaClient.Response created =
        alice.postJson(
            alice.signIn().at("/_links/applications/href").asText(),
            "{\"UserAgent\":\"img\",\"EndpointId\":\"cookie\",\"Culture\":\"en-US\"}");
    String setCookie = created.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith("cwt_ucwa=cwt=")
        .contains("; Path=" + created.header("Location"))
        .contains("HttpOnly");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String app = created.header("Location");

    HttpResponse<byte[]> own = getWithCookie(app + "/me/photo", cookie);
    HttpResponse<byte[]> bobs = getWithCookie(app + "/photos/bob@contoso.com", cookie);
    HttpResponse<byte[]> me = getWithCookie(app + "/me", cookie);
    HttpResponse<byte[]> forged = getWithCookie(app + "/me/photo", cookie + "x");

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
    assertThat(bobs.statusCode()).isEqualTo(200);
    assertThat(me.statusCode()).as("only photos accept the cookie").isEqualTo(401);
    assertThat(forged.statusCode()).isEqualTo(401);
  }
}
