package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;

/**
 * The configuration's text and the start-up line never carry a secret: the database password (given
 * as a flag or inside the database URL), the LDAP bind password or the admin token.
 */
class SecretsNotPrintedTest {

  private static final String DB_PASSWORD = "db-secret-1234";
  private static final String URL_PASSWORD = "url-secret-5678";
  private static final String LDAP_PASSWORD = "ldap-secret-9012";
  private static final String ADMIN_TOKEN = "admin-secret-token-3456";

  @Test
  void the_configuration_shows_each_secret_only_as_set() {
    ServerConfig c =
        Flags.parse(
            new String[] {
              "--database-url",
              "jdbc:postgresql://db.example:5432/ucwa?user=ucwa&password=" + URL_PASSWORD,
              "--database-user",
              "ucwa",
              "--database-password",
              DB_PASSWORD,
              "--admin-token",
              ADMIN_TOKEN,
              "--ldap-url",
              "ldap://dc1.contoso.com",
              "--ldap-base-dn",
              "DC=contoso,DC=com",
              "--ldap-bind-dn",
              "CN=reader,DC=contoso,DC=com",
              "--ldap-bind-password",
              LDAP_PASSWORD
            },
            Map.of());

    String text = c.toString();

    assertThat(text)
        .doesNotContain(DB_PASSWORD, URL_PASSWORD, LDAP_PASSWORD, ADMIN_TOKEN)
        .contains("databasePassword=(set)", "adminToken=(set)", "bindPassword=(set)")
        .contains("db.example:5432/ucwa?user=ucwa&password=***")
        .contains("CN=reader,DC=contoso,DC=com");
    assertThat(c.databasePassword()).contains(DB_PASSWORD);
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://ucwa:" + URL_PASSWORD + "@db/ucwa"))
        .isEqualTo("jdbc:postgresql://ucwa:***@db/ucwa");
  }

  @Test
  void the_start_up_line_names_no_secret() {
    try (TestServer server = TestServer.start(b -> b.adminToken(ADMIN_TOKEN))) {
      ServerConfig config =
          ServerConfig.builder().adminToken(ADMIN_TOKEN).databasePassword(DB_PASSWORD).build();
      String line = Main.startMessage(config, TestServer.directory(), server.server());
      assertThat(line).startsWith("UCWA server:").doesNotContain(ADMIN_TOKEN, DB_PASSWORD);
    }
  }
}
