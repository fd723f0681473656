package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.server.RotateTokenKeyCommand;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * What outlives a restart of the server on the same data folder: the token a client holds stays
 * valid until it expires, also across a key rotation, unless the rotation retires the old keys;
 * contact groups, privacy relationships, what a user set of their note, location and phones, and
 * the record of an invitation still open when the server stopped.
 */
class RestartScenarioTest {

  private static final String ADMIN = "admin-token-of-the-restart";

  @TempDir Path data;

  @Test
  void a_token_issued_before_a_restart_still_works_after_it() {
    String token;
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.signIn();
      token = alice.token();
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.useToken(token);

      assertThat(alice.get(alice.userHref()).status()).isEqualTo(200);
      assertThat(alice.createApplication("after-restart").at("/_links/self/href").asText())
          .isNotEmpty();
    }
  }

  /**
   * The invitation record holds back an invitation that has not ended (decision 0067); stopping the
   * server writes it, so the operator still finds it after the restart.
   */
  @Test
  void an_invitation_still_open_when_the_server_stops_is_in_the_record_after_the_restart()
      throws Exception {
    try (TestServer before = TestServer.startIn(data, b -> b.adminToken(ADMIN))) {
      UcwaClient alice = before.client("alice");
      alice.createApplication("record-before");
      alice.makeAvailable();
      UcwaClient bob = before.client("bob");
      bob.createApplication("record-before");
      bob.makeAvailable();
      bob.events().drain();
      UcwaClient.Response r =
          alice.postJson(
              alice.link("communication/startMessaging"),
              "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"op-open-at-stop\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      bob.events().await("messagingInvitation", "started");
    }

    try (TestServer after = TestServer.startIn(data, b -> b.adminToken(ADMIN))) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(after.url() + "/admin/invitations?user=bob@contoso.com"))
                      .header("Authorization", "Bearer " + ADMIN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode invitations = new ObjectMapper().readTree(r.body()).get("invitations");
      assertThat(invitations).hasSize(1);
      assertThat(invitations.get(0).get("operationId").asText()).isEqualTo("op-open-at-stop");
      assertThat(invitations.get(0).at("/states/0/state").asText()).isEqualTo("Connecting");
    }
  }

  @Test
  void contact_groups_and_memberships_survive_a_restart() {
    String token;
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.createApplication("groups-before");
      token = alice.token();
      String people = alice.link("people/self");
      UcwaClient.Response created =
          alice.postJson(people + "/groups", "{\"displayName\":\"Kept\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(204);
      String id = alice.get(alice.resolve(created.header("Location"))).json().get("id").asText();
      assertThat(
              alice
                  .postJson(
                      people + "/groupMemberships",
                      "{\"contactUri\":\"sip:bob@contoso.com\",\"groupId\":\"" + id + "\"}")
                  .status())
          .isEqualTo(201);
      assertThat(
              alice
                  .postJson(
                      people + "/groupMemberships/removeContactFromAllGroups",
                      "{\"contactUri\":\"sip:dave@contoso.com\"}")
                  .status())
          .isEqualTo(204);
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.useToken(token);
      alice.createApplication("groups-after");
      String myGroups =
          alice.get(alice.link("people/self")).json().at("/_links/myGroups/href").asText();
      JsonNode kept = alice.get(myGroups).json().at("/_embedded/group/0");
      assertThat(kept.get("name").asText()).isEqualTo("Kept");
      JsonNode members = alice.get(kept.at("/_links/groupContacts/href").asText()).json();
      assertThat(members.at("/_embedded/contact/0/uri").asText()).isEqualTo("sip:bob@contoso.com");
      JsonNode contacts =
          alice
              .get(
                  alice
                      .get(alice.link("people/self"))
                      .json()
                      .at("/_links/myContacts/href")
                      .asText())
              .json();
      assertThat(contacts.at("/_embedded/contact").findValuesAsText("uri"))
          .containsExactly("sip:bob@contoso.com", "sip:carol@contoso.com");
    }
  }

  @Test
  void a_privacy_relationship_survives_a_restart() {
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.createApplication("privacy-before");
      String rel =
          alice.get(alice.link("people/self")).json().at("/_links/self/href").asText()
              + "/bob@contoso.com/contactPrivacyRelationship";
      UcwaClient.Response put =
          alice.put(rel, "application/json", "{\"relationshipLevel\":\"Blocked\"}", Map.of());
      assertThat(put.status()).as(put.body()).isEqualTo(204);
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.createApplication("privacy-after");
      JsonNode mine =
          alice
              .get(
                  alice
                      .get(alice.link("people/self"))
                      .json()
                      .at("/_links/myPrivacyRelationships/href")
                      .asText())
              .json();
      assertThat(mine.at("/_embedded/myPrivacyRelationship/0/relationshipLevel").asText())
          .isEqualTo("Blocked");
      assertThat(mine.at("/_embedded/myPrivacyRelationship/0/_links/contact/0/href").asText())
          .endsWith("/people/bob@contoso.com");
    }
  }

  @Test
  void a_note_a_location_and_phone_changes_survive_a_restart() {
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.createApplication("profile-before");
      alice.makeAvailable();
      JsonNode me = alice.get(alice.link("me/self")).json();
      assertThat(
              alice
                  .postJson(me.at("/_links/note/href").asText(), "{\"message\":\"In the lab\"}")
                  .status())
          .isEqualTo(204);
      assertThat(
              alice
                  .postJson(
                      me.at("/_links/location/href").asText(), "{\"location\":\"Building 7\"}")
                  .status())
          .isEqualTo(204);
      JsonNode phones =
          alice.get(me.at("/_links/phones/href").asText()).json().at("/_embedded/phone");
      UcwaClient.Response number =
          alice.postJson(
              phones.get(1).at("/_links/changeNumber/href").asText(),
              "{\"number\":\"tel:+14255550199\",\"includeInContactCard\":true}");
      assertThat(number.status()).as(number.body()).isEqualTo(204);
      UcwaClient.Response hidden =
          alice.postJson(
              phones.get(0).at("/_links/changeVisibility/href").asText(),
              "{\"includeInContactCard\":false}");
      assertThat(hidden.status()).as(hidden.body()).isEqualTo(204);
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.createApplication("profile-after");
      alice.makeAvailable();
      JsonNode me = alice.get(alice.link("me/self")).json();
      assertThat(alice.get(me.at("/_links/note/href").asText()).json().get("message").asText())
          .isEqualTo("In the lab");
      assertThat(alice.get(me.at("/_links/location/href").asText()).json().get("location").asText())
          .isEqualTo("Building 7");
      JsonNode phones =
          alice.get(me.at("/_links/phones/href").asText()).json().at("/_embedded/phone");
      assertThat(phones.get(0).get("number").asText()).isEqualTo("tel:+14255550100");
      assertThat(phones.get(0).get("includeInContactCard").asBoolean()).isFalse();
      assertThat(phones.get(1).get("number").asText()).isEqualTo("tel:+14255550199");

      UcwaClient bob = after.client("bob");
      bob.createApplication("profile-reader");
      String contact =
          bob.get(bob.link("people/self")).json().at("/_links/self/href").asText()
              + "/alice@contoso.com";
      JsonNode seen = bob.get(contact).json();
      assertThat(seen.get("mobilePhoneNumber").asText()).isEqualTo("tel:+14255550199");
      assertThat(seen.has("workPhoneNumber")).as("hidden before the restart").isFalse();
      assertThat(
              bob.get(seen.at("/_links/contactNote/href").asText()).json().get("message").asText())
          .isEqualTo("In the lab");
      assertThat(
              bob.get(seen.at("/_links/contactLocation/href").asText())
                  .json()
                  .get("location")
                  .asText())
          .isEqualTo("Building 7");
    }
  }

  @Test
  void a_rotated_key_signs_new_tokens_while_old_tokens_stay_valid() {
    String oldToken;
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.signIn();
      oldToken = alice.token();
    }

    assertThat(rotate("--data-dir", data.toString())).contains("New token-signing key");

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient old = after.client("alice");
      old.useToken(oldToken);
      UcwaClient fresh = after.client("alice");
      fresh.signIn();

      assertThat(old.get(old.userHref()).status()).isEqualTo(200);
      assertThat(fresh.get(fresh.userHref()).status()).isEqualTo(200);
      assertThat(fresh.token()).isNotEqualTo(oldToken);
    }
  }

  @Test
  void retiring_the_old_keys_signs_everyone_out() {
    String oldToken;
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.signIn();
      oldToken = alice.token();
    }

    assertThat(rotate("--data-dir", data.toString(), "--retire-old")).contains("retired");

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.client("alice");
      alice.useToken(oldToken);

      assertThat(alice.get(alice.userHref()).status()).isEqualTo(401);
    }
  }

  private static String rotate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RotateTokenKeyCommand.run(
            args,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
