package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.application.Availability;

/** The presence rules, one row per (choice, idle time) and per set of applications. */
class PresenceRulesTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Duration INACTIVE = Duration.ofMinutes(5);
  private static final PresenceRules RULES = new PresenceRules(Duration.ofMinutes(5));

  private static EndpointState endpoint(Availability chosen, long idleMinutes) {
    return new EndpointState(chosen, NOW.minus(Duration.ofMinutes(idleMinutes)), INACTIVE);
  }

  @ParameterizedTest(name = "{0} idle {1} min shows {2} ({3})")
  @CsvSource({
    "Online,       0,  Online,       Available",
    "Online,       4,  Online,       Available",
    "Online,       5,  IdleOnline,   Inactive",
    "Online,       9,  IdleOnline,   Inactive",
    "Online,       10, Away,         Away",
    "Busy,         0,  Busy,         Busy",
    "Busy,         4,  Busy,         Busy",
    "Busy,         5,  IdleBusy,     Inactive",
    "Busy,         10, Away,         Away",
    "DoNotDisturb, 0,  DoNotDisturb, DoNotDisturb",
    "DoNotDisturb, 60, DoNotDisturb, DoNotDisturb",
    "BeRightBack,  0,  BeRightBack,  BeRightBack",
    "BeRightBack,  60, BeRightBack,  BeRightBack",
    "Away,         0,  Away,         Away",
    "Away,         60, Away,         Away",
    "Offwork,      0,  Away,         off-work",
    "Offwork,      60, Away,         off-work"
  })
  void an_application_shows_the_chosen_availability_decayed_by_inactivity(
      Availability chosen, long idleMinutes, ContactAvailability shown, String activity) {
    Presence p = RULES.of(endpoint(chosen, idleMinutes), NOW);

    assertThat(p.availability()).isEqualTo(shown);
    assertThat(p.activity()).isEqualTo(activity);
    assertThat(p.lastActive()).contains(NOW.minus(Duration.ofMinutes(idleMinutes)));
  }

  /** Applications as "Choice@idleMinutes", separated by spaces; "-" for none. */
  @ParameterizedTest(name = "[{0}] shows {1} ({2})")
  @CsvSource({
    "-,                          Offline,      Offline",
    "Online@0,                   Online,       Available",
    "Busy@0 Online@3,            Online,       Available",
    "Online@6 Busy@0,            IdleOnline,   Inactive",
    "Online@12 Busy@0,           Busy,         Busy",
    "Busy@7 DoNotDisturb@0,      IdleBusy,     Inactive",
    "Online@12 DoNotDisturb@0,   DoNotDisturb, DoNotDisturb",
    "Online@12 BeRightBack@30,   BeRightBack,  BeRightBack",
    "Offwork@1 Away@2,           Away,         off-work",
    "Offwork@2 Away@1,           Away,         Away",
    "Online@12 Busy@11,          Away,         Away"
  })
  void the_user_shows_the_most_available_of_their_applications(
      String apps, ContactAvailability shown, String activity) {
    List<EndpointState> endpoints =
        apps.equals("-")
            ? List.of()
            : Arrays.stream(apps.split(" "))
                .map(a -> a.split("@"))
                .map(a -> endpoint(Availability.valueOf(a[0]), Long.parseLong(a[1])))
                .toList();

    Presence p = RULES.aggregate(endpoints, NOW);

    assertThat(p.availability()).isEqualTo(shown);
    assertThat(p.activity()).isEqualTo(activity);
  }

  @Test
  void the_user_was_last_active_when_any_application_last_was() {
    Presence p =
        RULES.aggregate(
            List.of(
                endpoint(Availability.Busy, 1),
                endpoint(Availability.Online, 12),
                endpoint(Availability.DoNotDisturb, 3)),
            NOW);

    assertThat(p.availability()).isEqualTo(ContactAvailability.Busy);
    assertThat(p.lastActive()).contains(NOW.minus(Duration.ofMinutes(1)));
  }

  @Test
  void a_user_with_no_available_application_has_no_last_activity() {
    assertThat(RULES.aggregate(List.of(), NOW)).isEqualTo(Presence.OFFLINE);
    assertThat(Presence.OFFLINE.lastActive()).isEmpty();
  }

  @Test
  void an_application_can_have_its_own_inactive_timeout() {
    EndpointState quick =
        new EndpointState(
            Availability.Online, NOW.minus(Duration.ofMinutes(2)), Duration.ofMinutes(1));

    assertThat(RULES.of(quick, NOW).availability()).isEqualTo(ContactAvailability.IdleOnline);
  }
}
