package org.openucwa.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.directory.Credential;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.events.ChannelSettings;

class ApplicationRegistryAllTest {

  private final ApplicationRegistry registry =
      new ApplicationRegistry(
          Clock.systemUTC(),
          new SecureRandom(),
          ApplicationSettings.defaults(),
          ChannelSettings.reference(),
          id -> "/apps/" + id + "/events");

  @Test
  void allListsTheLiveApplicationsOfEveryUser() {
    Application a = registry.register(user("alice"), spec("a1")).application();
    Application b = registry.register(user("bob"), spec("b1")).application();
    Application c = registry.register(user("bob"), spec("b2")).application();

    registry.delete("sip:bob@contoso.com", b.id());

    assertThat(registry.all()).containsExactlyInAnyOrder(a, c);
  }

  @Test
  void allIsASnapshotThatLaterRegistrationsDoNotChange() {
    registry.register(user("alice"), spec("a1"));
    var snapshot = registry.all();

    registry.register(user("alice"), spec("a2"));

    assertThat(snapshot).hasSize(1);
    assertThat(registry.all()).hasSize(2);
  }

  private static User user(String name) {
    return User.builder("sip:" + name + "@contoso.com", name)
        .credential(
            new Credential(PasswordHasher.hash("pw".toCharArray(), new SecureRandom(), 1_000)))
        .build();
  }

  private static ApplicationSpec spec(String endpointId) {
    return new ApplicationSpec("test", endpointId, "en-US", Optional.empty());
  }
}
