package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagsTest {

  @Test
  void without_flags_the_embedded_defaults_apply() {
    ServerConfig c = Flags.parse(new String[0], Map.of());

    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.usersFile()).isEmpty();
    assertThat(c.invitationTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void every_flag_is_read_in_both_spellings() {
    ServerConfig c =
        Flags.parse(
            new String[] {
              "--bind",
              "0.0.0.0",
              "--port=0",
              "--users",
              "u.yaml",
              "--public-url",
              "https://lyncdiscover.contoso.com",
              "--tls-cert",
              "c.pem",
              "--tls-key",
              "k.pem",
              "--invitation-timeout",
              "5",
              "--allowed-origins",
              "https://a.example, http://localhost:3000",
              "--max-applications-per-user",
              "3",
              "--max-body-bytes",
              "4096"
            },
            Map.of());

    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isZero();
    assertThat(c.usersFile()).contains(Path.of("u.yaml"));
    assertThat(c.publicUrl()).contains("https://lyncdiscover.contoso.com");
    assertThat(c.tlsCert()).contains(Path.of("c.pem"));
    assertThat(c.tlsKey()).contains(Path.of("k.pem"));
    assertThat(c.invitationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.allowedOrigins()).containsExactly("https://a.example", "http://localhost:3000");
    assertThat(c.applications().maxPerUser()).isEqualTo(3);
    assertThat(c.maxBodyBytes()).isEqualTo(4096);
  }

  @Test
  void environment_variables_set_flags_and_flags_win() {
    ServerConfig c =
        Flags.parse(
            new String[] {"--port", "9000"},
            Map.of(
                "UCWA_PORT",
                "9100",
                "UCWA_BIND",
                "::1",
                "UCWA_INVITATION_TIMEOUT",
                "7",
                "UCWA_ALLOWED_ORIGINS",
                "https://x.example"));

    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.bind()).isEqualTo("::1");
    assertThat(c.invitationTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.allowedOrigins()).isEqualTo(List.of("https://x.example"));
  }

  @Test
  void unknown_flags_and_unusable_values_are_refused_with_a_message() {
    assertThatThrownBy(() -> Flags.parse(new String[] {"--colour", "red"}, Map.of()))
        .hasMessageContaining("unknown flag --colour");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port must be a whole number");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--tls-cert", "c.pem"}, Map.of()))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--public-url", "contoso.com/x"}, Map.of()))
        .hasMessageContaining("scheme://host");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("needs a value");
  }
}
