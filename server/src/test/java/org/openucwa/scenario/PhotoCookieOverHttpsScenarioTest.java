package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.SelfSignedCertificate;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.web.Paths;

/**
 * The cwt_ucwa photo cookie in today's browsers: set by a response to the XFrame, which sits in a
 * cross-site frame, and sent with the embedding page's {@code <img>} requests. Browsers keep and
 * send such a cookie only with {@code SameSite=None}, which they accept only with {@code Secure};
 * and where third-party cookies are blocked (Chromium's default for a fresh profile), only a {@code
 * Partitioned} one, kept for that embedding site. So over HTTPS (the server's own TLS, or a public
 * URL behind a TLS proxy) the cookie says all three.
 */
class PhotoCookieOverHttpsScenarioTest {

  private static final String JSON_BODY =
      "{\"UserAgent\":\"img\",\"EndpointId\":\"cookie\",\"Culture\":\"en-US\"}";
  private static final String XML_BODY =
      """
      <?xml version="1.0" encoding="utf-8"?>
      <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
        <property name="culture">en-US</property>
        <property name="endpointId">cookie-xml</property>
        <property name="userAgent">img</property>
      </input>
      """;

  @TempDir static Path dir;
  private static TestServer tls;
  private static SelfSignedCertificate cert;

  @BeforeAll
  static void start() throws Exception {
    Optional<SelfSignedCertificate> made =
        SelfSignedCertificate.create(dir, List.of("lyncdiscover.contoso.com"));
    assumeTrue(made.isPresent(), "openssl is not installed");
    cert = made.get();
    tls = TestServer.start(b -> b.tls(cert.cert(), cert.key()));
  }

  @AfterAll
  static void stop() {
    if (tls != null) {
      tls.close();
    }
  }

  private static UcwaClient.Response create(UcwaClient client, boolean xml) {
    return create(client, client.applicationsHref(), xml);
  }

  private static UcwaClient.Response create(UcwaClient client, String applications, boolean xml) {
    return xml
        ? client.post(
            applications,
            "application/vnd.microsoft.com.ucwa+xml",
            XML_BODY,
            Map.of("Accept", "application/vnd.microsoft.com.ucwa+xml"))
        : client.post(
            applications, "application/json", JSON_BODY, Map.of("Accept", "application/json"));
  }

  private static void assertCrossSiteCookie(UcwaClient.Response created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Set-Cookie"))
        .startsWith("cwt_ucwa=cwt=")
        .contains("; Path=" + created.header("Location"))
        .contains("; HttpOnly")
        .endsWith("; SameSite=None; Secure; Partitioned");
  }

  @Test
  void over_the_servers_own_tls_the_cookie_is_for_cross_site_use_in_json_and_in_xml()
      throws Exception {
    UcwaClient alice = tls.client("alice", cert.trustingContext());

    assertCrossSiteCookie(create(alice, false));
    assertCrossSiteCookie(create(alice, true));
  }

  @Test
  void behind_a_tls_proxy_named_by_the_public_url_the_cookie_is_for_cross_site_use()
      throws Exception {
    try (TestServer proxied =
        TestServer.start(b -> b.publicUrl("https://lyncdiscover.contoso.com"))) {
      // The links name the proxy's host; the test plays the proxy and sends their paths here.
      UcwaClient alice = proxied.client("alice");
      UcwaClient.Response token =
          alice.post(
              Paths.TOKEN,
              "application/x-www-form-urlencoded",
              UcwaClient.form(
                  Map.of(
                      "grant_type",
                      "password",
                      "username",
                      "alice@contoso.com",
                      "password",
                      TestServer.PASSWORD)),
              Map.of());
      alice.useToken(token.json().get("access_token").asText());

      assertCrossSiteCookie(create(alice, Paths.APPLICATIONS, false));
      assertCrossSiteCookie(create(alice, Paths.APPLICATIONS, true));
    }
  }

  @Test
  void over_plain_http_the_cookie_claims_neither_secure_nor_cross_site() {
    try (TestServer plain = TestServer.start()) {
      UcwaClient.Response created = create(plain.client("alice"), false);

      assertThat(created.status()).isEqualTo(201);
      assertThat(created.header("Set-Cookie"))
          .startsWith("cwt_ucwa=cwt=")
          .doesNotContain("SameSite")
          .doesNotContain("Secure");
    }
  }
}
