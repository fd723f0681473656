package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.ldap.ActiveDirectoryFixture;
import org.openucwa.testing.LdapTestServer;
import org.openucwa.testing.UcwaClient;

/** Users from an Active Directory: they sign in with their directory password over HTTP. */
class LdapSignInScenarioTest {

  @Test
  void a_directory_user_signs_in_with_the_directory_password_and_sees_her_fields(@TempDir Path data)
      throws Exception {
    try (LdapTestServer server = LdapTestServer.start(data)) {
      String url = server.url();
      UcwaClient alice =
          UcwaClient.of(url, "alice@contoso.com", ActiveDirectoryFixture.ALICE_PASSWORD);
      UcwaClient wrong = UcwaClient.of(url, "alice@contoso.com", "guess");

      alice.createApplication("ldap-1");
      UcwaClient.Response me = alice.get(alice.link("me/self"));
      UcwaClient.Response photo = alice.get(alice.link("me/photo"));
      UcwaClient.Response refused =
          wrong.post(
              wrong.tokenUrl(),
              "application/x-www-form-urlencoded;charset='utf-8'",
              "grant_type=password&username=alice@contoso.com&password=guess",
              Map.of());

      assertThat(me.json().get("name").asText()).isEqualTo("Alice Smith");
      assertThat(me.json().get("title").asText()).isEqualTo("Engineer");
      assertThat(photo.status()).isEqualTo(200);
      assertThat(photo.header("Content-Type")).startsWith("image/png");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("invalid_grant");
    }
  }

  @Test
  void users_sign_in_as_domain_backslash_account_or_upn_and_new_directory_users_become_findable(
      @TempDir Path data) throws Exception {
    try (LdapTestServer server = LdapTestServer.start(data, Duration.ofMillis(500))) {
      String url = server.url();
      ActiveDirectoryFixture ad = server.ad();
      UcwaClient alice =
          UcwaClient.of(url, "CONTOSO\\alice", ActiveDirectoryFixture.ALICE_PASSWORD);
      UcwaClient bob =
          UcwaClient.of(url, "bob@corp.contoso.com", ActiveDirectoryFixture.BOB_PASSWORD);
      alice.createApplication("ldap-netbios");
      bob.createApplication("ldap-upn");
      assertThat(alice.get(alice.link("me/self")).json().get("uri").asText())
          .isEqualTo("sip:alice@contoso.com");
      assertThat(bob.get(bob.link("me/self")).json().get("uri").asText())
          .isEqualTo("sip:bob@contoso.com");
      UcwaClient.Response wrong =
          alice.post(
              alice.tokenUrl(),
              "application/x-www-form-urlencoded;charset='utf-8'",
              "grant_type=password&username=CONTOSO%5Calice&password=guess",
              Map.of());
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(wrong.body()).contains("invalid_grant");

      String search = alice.link("people/search") + "?query=carol";
      assertThat(alice.get(search).json().at("/_embedded/contact").isMissingNode()).isTrue();
      ad.addUser("Carol Diaz", "carol", "Carol-AD-pass1");

      Instant deadline = Instant.now().plusSeconds(10);
      JsonNode found = alice.get(search).json();
      while (found.at("/_embedded/contact").isMissingNode() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        found = alice.get(search).json();
      }
      assertThat(found.at("/_embedded/contact/0/uri").asText()).isEqualTo("sip:carol@contoso.com");
      String contact = found.at("/_embedded/contact/0/_links/self/href").asText();
      assertThat(alice.get(contact).json().get("name").asText()).isEqualTo("Carol Diaz");
      UcwaClient carol = UcwaClient.of(url, "CONTOSO\\carol", "Carol-AD-pass1");
      carol.createApplication("ldap-new");
      assertThat(carol.get(carol.link("me/self")).json().get("name").asText())
          .isEqualTo("Carol Diaz");
    }
  }
}
