package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.ldap.LdapSettings;

/** The flags of the store, the admin API and the LDAP directory, and their variables. */
class StoreFlagsTest {

  @Test
  void by_default_the_embedded_database_lives_in_the_documented_data_folder() {
    ServerConfig c = Flags.parse(new String[0], Map.of());
    assertThat(c.managementBind()).isEqualTo("127.0.0.1");

    assertThat(c.dataDir()).isEqualTo(Path.of(ServerConfig.DEFAULT_DATA_DIR));
    assertThat(c.databaseUrl()).isEmpty();
    assertThat(c.adminToken()).isEmpty();
    assertThat(c.historyDays()).isEqualTo(90);
    assertThat(c.ldap()).isEmpty();
  }

  @Test
  void each_flag_also_comes_from_its_variable() {
    ServerConfig c =
        Flags.parse(
            new String[] {"--history-days", "7"},
            Map.of(
                "UCWA_DATA_DIR", "/var/lib/ucwa",
                "UCWA_DATABASE_URL", "jdbc:postgresql://db.contoso.com:5432/ucwa",
                "UCWA_DATABASE_USER", "ucwa",
                "UCWA_DATABASE_PASSWORD", "pw",
                "UCWA_ADMIN_TOKEN", "0123456789abcdef",
                "UCWA_HISTORY_DAYS", "30",
                "UCWA_LDAP_URL", "ldaps://dc1.contoso.com:636",
                "UCWA_LDAP_BASE_DN", "DC=contoso,DC=com",
                "UCWA_LDAP_BIND_DN", "CN=reader,DC=contoso,DC=com",
                "UCWA_LDAP_BIND_PASSWORD", "secret"));

    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/ucwa"));
    assertThat(c.databaseUrl()).contains("jdbc:postgresql://db.contoso.com:5432/ucwa");
    assertThat(c.databaseUser()).contains("ucwa");
    assertThat(c.databasePassword()).contains("pw");
    assertThat(c.adminToken()).contains("0123456789abcdef");
    assertThat(c.historyDays()).isEqualTo(7);
    LdapSettings ldap = c.ldap().orElseThrow();
    assertThat(ldap.url()).isEqualTo("ldaps://dc1.contoso.com:636");
    assertThat(ldap.baseDn()).isEqualTo("DC=contoso,DC=com");
    assertThat(ldap.bindDn()).contains("CN=reader,DC=contoso,DC=com");
    assertThat(ldap.bindPassword()).contains("secret");
    assertThat(ldap.filter()).isEqualTo(LdapSettings.DEFAULT_FILTER);
  }

  @Test
  void bad_values_are_refused_naming_the_flag() {
    assertThatThrownBy(() -> Flags.parse(new String[] {"--database-url", "mysql://x/y"}, Map.of()))
        .hasMessageContaining("--database-url");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--admin-token", "short"}, Map.of()))
        .hasMessageContaining("--admin-token");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--history-days", "0"}, Map.of()))
        .hasMessageContaining("--history-days");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--ldap-url", "http://dc1"}, Map.of()))
        .hasMessageContaining("--ldap-url");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--ldap-url", "ldap://dc1"}, Map.of()))
        .hasMessageContaining("--ldap-base-dn");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--ldap-base-dn", "DC=x"}, Map.of()))
        .hasMessageContaining("--ldap-url");
    assertThatThrownBy(
            () ->
                Flags.parse(
                    new String[] {
                      "--ldap-url", "ldap://dc1", "--ldap-base-dn", "DC=x", "--users", "u.yaml"
                    },
                    Map.of()))
        .hasMessageContaining("not both");
  }
}
