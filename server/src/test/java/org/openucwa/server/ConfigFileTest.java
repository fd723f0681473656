package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config FILE: every flag as a YAML key, below the environment and the command line. */
class ConfigFileTest {

  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    return Files.writeString(dir.resolve("ucwa.yaml"), yaml);
  }

  @Test
  void a_flag_wins_over_its_variable_which_wins_over_the_file_which_wins_over_the_default()
      throws Exception {
    Path file =
        config(
            "port: 9001\nbind: 127.0.0.2\ninvitation-timeout: 11\naway-timeout: 900\n"
                + "allowed-origins: [https://a.example, https://b.example]\n");

    ServerConfig c =
        Flags.parse(
            new String[] {"--config", file.toString(), "--port", "9003"},
            Map.of("UCWA_PORT", "9002", "UCWA_INVITATION_TIMEOUT", "12"));

    assertThat(c.port()).isEqualTo(9003);
    assertThat(c.invitationTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.bind()).isEqualTo("127.0.0.2");
    assertThat(c.presence().awayTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(c.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
  }

  @Test
  void the_file_can_come_from_the_environment_and_carries_every_flag() throws Exception {
    StringBuilder yaml = new StringBuilder();
    Map<String, String> values =
        Map.ofEntries(
            Map.entry("bind", "127.0.0.1"),
            Map.entry("port", "0"),
            Map.entry("users", "users.yaml"),
            Map.entry("public-url", "https://lyncdiscover.contoso.com"),
            Map.entry("tls-cert", "cert.pem"),
            Map.entry("tls-key", "key.pem"),
            Map.entry("invitation-timeout", "5"),
            Map.entry("allowed-origins", "https://a.example"),
            Map.entry("max-applications-per-user", "3"),
            Map.entry("max-body-bytes", "4096"),
            Map.entry("inactive-timeout", "60"),
            Map.entry("away-timeout", "120"),
            Map.entry("management-port", "9100"),
            Map.entry("management-bind", "0.0.0.0"),
            Map.entry("log-format", "json"),
            Map.entry("access-log", "off"),
            Map.entry("shutdown-grace", "3"),
            Map.entry("data-dir", "data"),
            Map.entry("database-url", "jdbc:postgresql://db.example:5432/ucwa"),
            Map.entry("database-user", "ucwa"),
            Map.entry("database-password", "secret"),
            Map.entry("admin-token", "0123456789abcdef0123"),
            Map.entry("history-days", "7"),
            Map.entry("invitation-record", "off"),
            Map.entry("allowed-hosts", "ucwa.contoso.com"),
            Map.entry("trusted-proxies", "10.0.0.1"),
            Map.entry("dial-in-regions", "Redmond=tel:+14255550001=en-US"),
            Map.entry("acp-toll-number", "tel:+14255550002"),
            Map.entry("acp-toll-free-numbers", "tel:+18005550001"),
            Map.entry("acp-participant-passcode", "4711"),
            Map.entry("meeting-disclaimer-title", "Meeting Confidentiality"),
            Map.entry("meeting-disclaimer-body", "The matters of this meeting are confidential."),
            Map.entry("meeting-help-url", "http://meet.contoso.com/help"),
            Map.entry("meeting-first-time-help-url", "http://meet.contoso.com/firstimehelp.html"),
            Map.entry("meeting-legal-url", "http://meet.contoso.com/disclaimer.html"),
            Map.entry("meeting-logo-url", "http://meet.contoso.com/companylogo.png"),
            Map.entry("meeting-footer-text", "Confidential."),
            Map.entry("cluster-members", "10.0.0.1:5701,10.0.0.2:5701"),
            Map.entry("cluster-port", "5702"),
            Map.entry("cluster-name", "east"),
            Map.entry("cluster-secret", "0123456789abcdef"),
            Map.entry("cluster-dead-after", "4"));
    // the LDAP flags replace the users file: they are carried in a file of their own (below)
    assertThat(values.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Flags.NAMES.stream()
                .filter(n -> !n.equals("config") && !n.startsWith("ldap-"))
                .toList());
    values.forEach((k, v) -> yaml.append(k).append(": '").append(v).append("'\n"));
    Path file = config(yaml.toString());

    ServerConfig c = Flags.parse(new String[0], Map.of("UCWA_CONFIG", file.toString()));

    assertThat(c.usersFile()).contains(dir.resolve("users.yaml").toAbsolutePath());
    assertThat(c.cluster().orElseThrow().members())
        .containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
    assertThat(c.cluster().orElseThrow().deadAfter()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.tlsCert()).contains(dir.resolve("cert.pem").toAbsolutePath());
    assertThat(c.publicUrl()).contains("https://lyncdiscover.contoso.com");
    assertThat(c.applications().maxPerUser()).isEqualTo(3);
    assertThat(c.maxBodyBytes()).isEqualTo(4096);
    assertThat(c.presence().inactiveTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.managementPort()).hasValue(9100);
    assertThat(c.managementBind()).isEqualTo("0.0.0.0");
    assertThat(c.jsonLogs()).isTrue();
    assertThat(c.accessLog()).isFalse();
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.dataDir()).isEqualTo(dir.resolve("data").toAbsolutePath());
    assertThat(c.databaseUrl()).contains("jdbc:postgresql://db.example:5432/ucwa");
    assertThat(c.databaseUser()).contains("ucwa");
    assertThat(c.databasePassword()).contains("secret");
    assertThat(c.adminToken()).contains("0123456789abcdef0123");
    assertThat(c.historyDays()).isEqualTo(7);
    assertThat(c.invitationRecord()).isFalse();
    assertThat(c.allowedHosts()).containsExactly("ucwa.contoso.com");
    assertThat(c.trustedProxies()).containsExactly("10.0.0.1");
    assertThat(c.dialInRegions()).extracting(r -> r.name()).containsExactly("Redmond");
    assertThat(c.meetingCustomization().audioConferenceProvider().orElseThrow().tollFreeNumbers())
        .containsExactly("tel:+18005550001");
    assertThat(c.meetingCustomization().invitationFooterText()).contains("Confidential.");
  }

  @Test
  void a_file_carries_the_ldap_flags_in_place_of_a_users_file() throws Exception {
    Path file =
        config(
            "ldap-url: ldaps://dc.contoso.com:636\n"
                + "ldap-base-dn: 'ou=Users,dc=contoso,dc=com'\n"
                + "ldap-bind-dn: 'cn=reader,dc=contoso,dc=com'\n"
                + "ldap-bind-password: pw\n"
                + "ldap-filter: '(objectClass=user)'\n");

    ServerConfig c = Flags.parse(new String[] {"--config", file.toString()}, Map.of());

    assertThat(c.ldap()).isPresent();
    assertThat(c.ldap().get().url()).isEqualTo("ldaps://dc.contoso.com:636");
    assertThat(c.ldap().get().baseDn()).isEqualTo("ou=Users,dc=contoso,dc=com");
    assertThat(c.ldap().get().bindDn()).contains("cn=reader,dc=contoso,dc=com");
    assertThat(c.ldap().get().bindPassword()).contains("pw");
    assertThat(c.ldap().get().filter()).isEqualTo("(objectClass=user)");
  }

  @Test
  void an_unknown_key_a_nested_value_or_a_missing_file_is_refused_naming_it() throws Exception {
    Path unknown = config("colour: red\n");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--config", unknown.toString()}, Map.of()))
        .isInstanceOf(Flags.UsageException.class)
        .hasMessageContaining("unknown key 'colour'");
    Path nested = config("port:\n  number: 1\n");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--config", nested.toString()}, Map.of()))
        .hasMessageContaining("'port' must be a single value");
    assertThatThrownBy(
            () ->
                Flags.parse(new String[] {"--config", dir.resolve("no.yaml").toString()}, Map.of()))
        .hasMessageContaining("cannot be read");
    Path badValue = config("port: eighty\n");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--config", badValue.toString()}, Map.of()))
        .hasMessageContaining("--port must be a whole number");
  }

  @Test
  void help_names_every_flag_with_its_variable_and_default() {
    String help = Flags.help();

    for (Flags.Flag f : Flags.FLAGS) {
      assertThat(help)
          .containsPattern(
              "--"
                  + f.name()
                  + " \\S+ +"
                  + f.variable()
                  + " +default: "
                  + java.util.regex.Pattern.quote(f.byDefault()));
    }
  }
}
