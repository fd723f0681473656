package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * What a token's scopes allow, as the "Azure Active Directory scopes" tables of the reference pages
 * list them: a resource answers 403 Forbidden to a token holding none of its scopes.
 */
class ScopeScenarioTest {

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aContactsOnlyTokenCreatesAnApplicationButMayNotReadMe() {
    UcwaClient alice = signedIn("alice", "Contacts.ReadWrite");
    alice.createApplication("contacts-only");

    assertJsonError(alice.get(alice.link("me/self")), 403, "Forbidden", null);
    assertXmlError(
        alice.get(alice.link("me/self"), Map.of("Accept", "application/xml")),
        403,
        "Forbidden",
        null);
  }

  @Test
  void aContactsOnlyTokenMayNotReadOrChangeCommunication() {
    UcwaClient alice = signedIn("alice", "Contacts.ReadWrite");
    alice.createApplication("contacts-only");
    String communication = alice.link("communication/self");

    assertJsonError(alice.get(communication), 403, "Forbidden", null);
    assertJsonError(
        alice.put(communication, "application/json", "{}", Map.of("If-Match", "*")),
        403,
        "Forbidden",
        null);
  }

  @Test
  void aRefusedPutOfCommunicationChangesNothing() {
    UcwaClient full = server.client("alice");
    full.createApplication("shared");
    String communication = full.link("communication/self");
    Response before = full.get(communication);

    UcwaClient limited = signedIn("alice", "Contacts.ReadWrite");
    limited.createApplication("shared");
    ObjectNode changed = before.json().deepCopy();
    changed.put("phoneNumber", "tel:+15550100");
    Response refused =
        limited.put(
            limited.link("communication/self"),
            "application/json",
            changed.toString(),
            Map.of("If-Match", before.header("ETag")));

    assertJsonError(refused, 403, "Forbidden", null);

    Response after = full.get(communication);
    assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
    assertThat(after.json()).isEqualTo(before.json());
  }

  @Test
  void aUserReadWriteTokenReadsMe() {
    UcwaClient alice = signedIn("alice", "User.ReadWrite");
    alice.createApplication("user-only");

    Response me = alice.get(alice.link("me/self"));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("uri").asText()).isEqualTo("sip:alice@contoso.com");
  }

  @Test
  void aConversationsTokenReadsCommunicationButNotMe() {
    UcwaClient alice = signedIn("alice", "Conversations.Receive");
    alice.createApplication("receive-only");

    assertThat(alice.get(alice.link("communication/self")).status()).isEqualTo(200);
    assertJsonError(alice.get(alice.link("me/self")), 403, "Forbidden", null);
  }

  private UcwaClient signedIn(String user, String scope) {
    UcwaClient c = server.client(user);
    c.signIn(Map.of("scope", scope));
    return c;
  }
}
