package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.people.PresenceSettings;

class PresenceFlagsTest {

  @Test
  void the_presence_timers_default_to_five_minutes_each() {
    assertThat(Flags.parse(new String[0], Map.of()).presence())
        .isEqualTo(PresenceSettings.defaults())
        .isEqualTo(new PresenceSettings(Duration.ofMinutes(5), Duration.ofMinutes(5)));
  }

  @Test
  void the_presence_timers_are_set_in_seconds_by_flag_or_variable() {
    ServerConfig c =
        Flags.parse(new String[] {"--inactive-timeout=120"}, Map.of("UCWA_AWAY_TIMEOUT", "600"));

    assertThat(c.presence().inactiveTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.presence().awayTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void a_presence_timer_must_be_a_positive_number_of_seconds() {
    assertThatThrownBy(() -> Flags.parse(new String[] {"--away-timeout", "0"}, Map.of()))
        .hasMessageContaining("--away-timeout must be between 1 and 86400");
  }
}
