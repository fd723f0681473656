package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationChange;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.application.ApplicationSpec;
import org.openucwa.application.Availability;
import org.openucwa.application.MakeMeAvailable;
import org.openucwa.application.Modality;
import org.openucwa.directory.Credential;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.error.UcwaException;
import org.openucwa.events.ChannelSettings;

/** The presence directory and the user's own presence over a registry of applications. */
class LocalPresenceTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final User BOB =
      User.builder("sip:bob@contoso.com", "Bob")
          .credential(new Credential(PasswordHasher.hash("pw".toCharArray(), RANDOM, 1000)))
          .build();

  private final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));
  private final ApplicationRegistry registry =
      new ApplicationRegistry(
          clock,
          RANDOM,
          ApplicationSettings.defaults(),
          ChannelSettings.reference(),
          id -> "/events/" + id);
  private final LocalPresenceDirectory directory =
      new LocalPresenceDirectory(
          registry,
          new PresenceSettings(Duration.ofMinutes(5), Duration.ofMinutes(5)),
          clock,
          new InMemoryPrivacyRelationships());
  private final OwnPresence own = new OwnPresence(registry, directory);

  private Application app(String endpointId) {
    return registry
        .register(BOB, new ApplicationSpec("test", endpointId, "en-US", Optional.empty()))
        .application();
  }

  private void makeAvailable(Application app, Availability signInAs) {
    app.makeMeAvailable(
        new MakeMeAvailable(
            Optional.of(signInAs),
            List.of(Modality.Messaging),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    app.reportActivity(clock.instant());
  }

  @Test
  void a_user_whose_applications_are_not_available_is_offline() {
    app("lurker");

    assertThat(directory.presenceOf(BOB.uri())).isEqualTo(Presence.OFFLINE);
    assertThat(directory.presenceOf("sip:nobody@contoso.com")).isEqualTo(Presence.OFFLINE);
  }

  @Test
  void another_available_application_makes_the_user_available() {
    app("lurker");
    makeAvailable(app("active"), Availability.Busy);

    assertThat(directory.presenceOf(BOB.uri()).availability()).isEqualTo(ContactAvailability.Busy);
  }

  @Test
  void presence_is_computed_when_read_so_inactivity_shows_at_once() {
    Application app = app("web");
    makeAvailable(app, Availability.Online);

    clock.advance(Duration.ofMinutes(5));
    assertThat(directory.presenceOf(BOB.uri()).availability())
        .isEqualTo(ContactAvailability.IdleOnline);
    clock.advance(Duration.ofMinutes(5));
    assertThat(directory.presenceOf(BOB.uri()).availability()).isEqualTo(ContactAvailability.Away);

    app.reportActivity(clock.instant());
    assertThat(directory.presenceOf(BOB.uri()).availability())
        .isEqualTo(ContactAvailability.Online);
  }

  @Test
  void the_own_presence_needs_make_me_available_first() {
    Application app = app("lurker");

    assertThatThrownBy(() -> own.of(app))
        .isInstanceOfSatisfying(
            UcwaException.class,
            e -> assertThat(e.reason().subcode()).contains("MakeMeAvailableRequired"));
    assertThatThrownBy(() -> own.choose(app, Availability.Busy, clock.instant()))
        .isInstanceOfSatisfying(UcwaException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void choosing_an_availability_sets_it_on_every_available_application_of_the_user() {
    Application web = app("web");
    Application phone = app("phone");
    Application lurker = app("lurker");
    makeAvailable(web, Availability.Online);
    makeAvailable(phone, Availability.Online);

    var changes = own.choose(phone, Availability.DoNotDisturb, clock.instant());

    assertThat(changes.keySet()).containsExactly(phone, web);
    assertThat(changes.values())
        .allSatisfy(c -> assertThat(c).containsExactly(ApplicationChange.PresenceUpdated));
    assertThat(lurker.preferredAvailability()).isEqualTo(Availability.Online);
    assertThat(own.of(web).availability()).isEqualTo(ContactAvailability.DoNotDisturb);
  }

  @Test
  void choosing_online_again_resets_to_the_availability_activity_gives() {
    Application web = app("web");
    makeAvailable(web, Availability.BeRightBack);
    clock.advance(Duration.ofMinutes(7));

    assertThat(own.of(web).availability()).isEqualTo(ContactAvailability.BeRightBack);
    own.choose(web, Availability.Online, clock.instant());

    assertThat(own.of(web).availability())
        .as("the POST itself counts as activity")
        .isEqualTo(ContactAvailability.Online);
  }
}
