package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Discovery and sign-in as CreateAnApplication.md and AuthenticationInUCWA.md walk through them:
 * the root, the 401 challenge, the OAuth token endpoint and its errors, and what becomes of tokens
 * that are forged, garbled or expired.
 */
class SignInScenarioTest {

  private static final String FORM = "application/x-www-form-urlencoded;charset='utf-8'";
  private static final String GRANTS =
      "grant_type=\"urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password\"";

  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theDiscoveryRootLinksToTheUserAndTheXFrameInJson() {
    Response root = alice.get(server.url() + "/", Map.of("Accept", "application/json"));

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("Content-Type")).startsWith("application/json");
    JsonNode links = root.json().path("_links");
    assertThat(links.at("/self/href").asText()).startsWith(server.url() + "/");
    assertThat(links.at("/user/href").asText()).startsWith(server.url() + "/");
    assertThat(links.at("/xframe/href").asText()).startsWith(server.url() + "/");
  }

  @Test
  void theDiscoveryRootLinksToTheUserAndTheXFrameInXml() {
    Response root = alice.get(server.url() + "/", Map.of("Accept", "application/xml"));

    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("Content-Type")).startsWith("application/xml");
    assertThat(root.body())
        .contains("<resource xmlns=\"" + ErrorBody.UCWA_NS + "\"")
        .contains("rel=\"root\"")
        .containsPattern("<link rel=\"user\" href=\"" + server.url() + "/[^\"]+\"")
        .containsPattern("<link rel=\"xframe\" href=\"" + server.url() + "/[^\"]+\"");
  }

  @Test
  void theUserResourceWithoutATokenAnswersOneMsRtcOAuthChallengeWithTheAbsoluteTokenUrl() {
    Response challenge = alice.get(alice.userHref(), Map.of("Accept", "application/json"));

    assertThat(challenge.status()).isEqualTo(401);
    List<String> headers = challenge.headers().allValues("WWW-Authenticate");
    assertThat(headers).hasSize(1);
    assertThat(headers.get(0))
        .startsWith("MsRtcOAuth href=\"" + server.url() + "/WebTicket/oauthtoken\"," + GRANTS);
  }

  @Test
  void aPasswordGrantInTheReferenceFormEncodingAnswersABearerToken() {
    Response token =
        alice.post(
            alice.tokenUrl(),
            FORM,
            "grant_type=password&username=alice@contoso.com&password=" + TestServer.PASSWORD,
            Map.of("Accept", "application/json"));

    assertThat(token.status()).isEqualTo(200);
    assertThat(token.header("Content-Type")).startsWith("application/json");
    JsonNode body = token.json();
    assertThat(body.path("access_token").asText()).isNotBlank();
    assertThat(body.path("expires_in").isNumber()).isTrue();
    assertThat(body.path("expires_in").asLong()).isPositive();
    assertThat(body.path("ms_rtc_identityscope").asText()).isEqualTo("local");
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
  }

  @Test
  void theUserResourceWithAValidTokenLinksAbsolutelyToApplicationsAndTheXFrame() {
    JsonNode user = alice.signIn();

    JsonNode links = user.path("_links");
    assertThat(links.at("/self/href").asText()).isEqualTo(alice.userHref());
    assertThat(links.at("/applications/href").asText()).startsWith(server.url() + "/");
    assertThat(links.at("/xframe/href").asText()).startsWith(server.url() + "/");
  }

  @Test
  void aWrongPasswordIsAnInvalidGrant() {
    assertOAuthError(
        token(
            Map.of(
                "grant_type",
                "password",
                "username",
                "alice@contoso.com",
                "password",
                "not-" + TestServer.PASSWORD)),
        "invalid_grant");
  }

  @Test
  void anUnknownUserIsAnInvalidGrantLikeAWrongPassword() {
    assertOAuthError(
        token(
            Map.of(
                "grant_type",
                "password",
                "username",
                "mallory@contoso.com",
                "password",
                TestServer.PASSWORD)),
        "invalid_grant");
  }

  @Test
  void aTokenRequestWithoutGrantTypeIsAnInvalidRequest() {
    assertOAuthError(
        token(Map.of("username", "alice@contoso.com", "password", TestServer.PASSWORD)),
        "invalid_request");
  }

  @Test
  void theWindowsGrantIsAnUnsupportedGrantType() {
    assertOAuthError(
        token(Map.of("grant_type", "urn:microsoft.rtc:windows")), "unsupported_grant_type");
  }

  @Test
  void anUnknownScopeIsAnInvalidScope() {
    assertOAuthError(
        token(
            Map.of(
                "grant_type",
                "password",
                "username",
                "alice@contoso.com",
                "password",
                TestServer.PASSWORD,
                "scope",
                "Everything.ReadWrite")),
        "invalid_scope");
  }

  @Test
  void repeatedFailuresForOneAccountAreThrottledWithATimeToRetry() {
    Map<String, String> wrong =
        Map.of("grant_type", "password", "username", "dave@contoso.com", "password", "guess");
    for (int i = 1; i <= 5; i++) {
      assertOAuthError(token(wrong), "invalid_grant");
    }

    Response sixth = token(wrong);

    assertThrottled(sixth);
  }

  @Test
  void repeatedFailuresUnderDifferentSpellingsOfOneAccountAreThrottledAsOne() {
    List<String> spellings =
        List.of(
            "dave",
            "dave@contoso.com",
            "sip:dave@contoso.com",
            "DAVE@contoso.com",
            "sip:Dave@Contoso.com");
    for (String spelling : spellings) {
      assertOAuthError(
          token(Map.of("grant_type", "password", "username", spelling, "password", "guess")),
          "invalid_grant");
    }

    Response sixth =
        token(Map.of("grant_type", "password", "username", " dave ", "password", "guess"));

    assertThrottled(sixth);
  }

  @Test
  void aTokenWithAFlippedSignatureCharacterIsChallenged() {
    alice.signIn();
    String token = alice.token();
    int dot = token.lastIndexOf('.');
    for (int i = dot + 1; i < token.length(); i++) {
      alice.useToken(flip(token, i));

      assertThat(alice.get(alice.userHref()).status()).as("flipped at %d", i).isEqualTo(401);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "cwt=", "cwt=AAAA.BBBB", "cwt=!!!.???", "cwt=A"})
  void aGarbageTokenIsChallenged(String garbage) {
    String applications = alice.applicationsHref();
    alice.useToken(garbage);

    assertChallenged(alice.get(alice.userHref()));
    assertChallenged(
        alice.postJson(
            applications, "{\"userAgent\":\"x\",\"endpointId\":\"x\",\"culture\":\"en-US\"}"));
    assertThat(server.applicationIds("alice")).isEmpty();
  }

  @Test
  void anExpiredTokenIsChallenged() throws InterruptedException {
    try (TestServer shortLived = TestServer.start(b -> b.tokenLifetime(Duration.ofSeconds(1)))) {
      UcwaClient bob = shortLived.client("bob");
      String applications = bob.applicationsHref();
      assertThat(bob.get(bob.userHref()).status()).isEqualTo(200);

      Thread.sleep(2_100);

      assertChallenged(shortLived, bob.get(bob.userHref()));
      assertChallenged(
          shortLived,
          bob.postJson(
              applications,
              "{\"userAgent\":\"late\",\"endpointId\":\"late\",\"culture\":\"en-US\"}"));
      assertThat(shortLived.applicationIds("bob")).isEmpty();
    }
  }

  private Response token(Map<String, String> fields) {
    return alice.post(
        alice.tokenUrl(), FORM, UcwaClient.form(fields), Map.of("Accept", "application/json"));
  }

  private static void assertOAuthError(Response r, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().path("error").asText()).isEqualTo(error);
  }

  /** 429 with Retry-After and an OAuth error body (the throttle waits for nobody). */
  static void assertThrottled(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(429);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().path("error").asText()).isEqualTo("temporarily_unavailable");
    assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
  }

  private void assertChallenged(Response r) {
    assertChallenged(server, r);
  }

  private static void assertChallenged(TestServer by, Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .singleElement()
        .asString()
        .startsWith("MsRtcOAuth href=\"" + by.url() + "/WebTicket/oauthtoken\"," + GRANTS);
  }

  /** The token with the lowest bit of one base64url character flipped. */
  private static String flip(String s, int i) {
    int value = BASE64URL.indexOf(s.charAt(i));
    return s.substring(0, i) + BASE64URL.charAt(value ^ 1) + s.substring(i + 1);
  }
}
