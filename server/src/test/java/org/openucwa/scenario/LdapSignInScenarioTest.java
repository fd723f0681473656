package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.ldap.ActiveDirectoryFixture;
import org.openucwa.ldap.LdapDirectory;
import org.openucwa.server.ServerConfig;
import org.openucwa.server.UcwaServer;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/** Users from an Active Directory: they sign in with their directory password over HTTP. */
class LdapSignInScenarioTest {

  @Test
  void a_directory_user_signs_in_with_the_directory_password_and_sees_her_fields(@TempDir Path data)
      throws Exception {
    try (ActiveDirectoryFixture ad = ActiveDirectoryFixture.start();
        LdapDirectory ldap = LdapDirectory.load(ad.settings(), data.resolve("photos"))) {
      ServerConfig config =
          ServerConfig.builder()
              .port(0)
              .databaseUrl(TestServer.memoryDatabase())
              .channel(TestServer.fastChannel())
              .sweepInterval(Duration.ofMillis(200))
              .ldap(ad.settings())
              .build();
      try (UcwaServer server = UcwaServer.start(config, ldap.directory(), ldap)) {
        String url = "http://127.0.0.1:" + server.port();
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
  }
}
