package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * An anonymous guest's application in JSON and XML, compared with the file taken from
 * anonApplications_ref.md's sample: as the POST answers it and as a GET reads it.
 */
class AnonymousFormatsTest {

  private static final String REQUEST =
      "{\"culture\":\"en-us\",\"userAgent\":\"ContosoApp/1.0(WindowsPhoneOS7.5)\"}";

  private static TestServer server;
  private static UcwaClient guest;
  private static String anonApplications;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    UcwaClient alice = server.client("alice");
    alice.createApplication("anonymous-formats");
    JsonNode meeting =
        alice
            .postJson(
                alice.link("onlineMeetings/myOnlineMeetings"), "{\"accessLevel\":\"Everyone\"}")
            .json();
    guest = UcwaClient.of(server.url(), "nobody", "");
    assertThat(guest.signInAsGuest(meeting.path("onlineMeetingUri").asText(), null).status())
        .isEqualTo(200);
    anonApplications =
        guest.get(guest.userHref()).json().at("/_links/anonApplications/href").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theGuestsApplicationMatchesTheReferenceSampleAsPostedAndAsRead() {
    for (String accept : List.of("application/json", "application/xml")) {
      UcwaClient.Response created =
          guest.post(anonApplications, "application/json", REQUEST, Map.of("Accept", accept));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String href = created.header("Location");
      String app = href.substring(href.lastIndexOf('/') + 1);
      compare(app, accept, created.body());
      compare(app, accept, guest.get(href, Map.of("Accept", accept)).body());
    }
  }

  private static void compare(String app, String accept, String served) {
    WireAssert wire = WireAssert.wire().with("app", app).with("host", guest.resolve(""));
    if (accept.endsWith("json")) {
      wire.assertMatchesJsonFile("application-anonymous", served);
    } else {
      wire.assertMatchesXmlFile("application-anonymous", served);
    }
  }
}
