package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.people.PresenceSettings;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.SteppingClock;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Presence the clock changes, as MeDashboard.md's "Reporting activity" describes it, reaching
 * subscribers as a presence POST does: alice stops using her application and shows IdleOnline after
 * the inactive timeout, Away after the away timeout more, Online again when she reports activity,
 * and Offline when her application expires. bob and carol follow her; each change reaches them as
 * contactPresence {@code updated} from sender people, and alice's own application as presence
 * {@code updated}. The server's clock is stepped, never waited for.
 */
class InactivityScenarioTest {

  private static final Duration INACTIVE = Duration.ofMinutes(1);
  private static final Duration AWAY = Duration.ofMinutes(2);
  private static final Duration EXPIRE = Duration.ofMinutes(30);

  private static final SteppingClock CLOCK = new SteppingClock();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            b ->
                b.clock(CLOCK)
                    .presence(new PresenceSettings(INACTIVE, AWAY))
                    .applications(new ApplicationSettings(5, EXPIRE.minusMinutes(1), EXPIRE)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient available(String user) {
    UcwaClient c = server.client(user);
    c.createApplication("inactivity-" + user);
    c.makeAvailable();
    c.events().await("communication", "updated");
    return c;
  }

  private static EventStream follow(UcwaClient c, String contact) {
    EventStream events = c.events();
    UcwaClient.Response r =
        c.postJson(
            c.link("people/presenceSubscriptions"),
            "{\"duration\":30,\"uris\":[\"sip:" + contact + "@contoso.com\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    events.await("contactPresence", "updated");
    return events;
  }

  private static String heardAvailability(UcwaClient subscriber, EventStream events) {
    EventStream.Event e = events.await("contactPresence", "updated");
    assertThat(e.sender()).isEqualTo("people");
    assertThat(e.href()).endsWith("/people/alice@contoso.com/presence");
    return subscriber.get(e.href()).json().get("availability").asText();
  }

  @Test
  void inactivity_away_activity_and_expiry_reach_subscribers_as_events() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    EventStream bobHears = follow(bob, "alice");
    EventStream carolHears = follow(carol, "alice");
    EventStream aliceHears = alice.events();
    String presence = alice.get(alice.link("me/self")).json().at("/_links/presence/href").asText();

    CLOCK.step(INACTIVE.plusSeconds(1));
    assertThat(heardAvailability(bob, bobHears)).isEqualTo("IdleOnline");
    assertThat(heardAvailability(carol, carolHears)).isEqualTo("IdleOnline");
    EventStream.Event own = aliceHears.await("presence", "updated");
    assertThat(own.sender()).isEqualTo("me");
    assertThat(alice.get(presence).json().get("availability").asText()).isEqualTo("IdleOnline");

    CLOCK.step(AWAY);
    assertThat(heardAvailability(bob, bobHears)).isEqualTo("Away");
    assertThat(heardAvailability(carol, carolHears)).isEqualTo("Away");

    String report =
        alice.get(alice.link("me/self")).json().at("/_links/reportMyActivity/href").asText();
    assertThat(alice.postJson(report, "").status()).isEqualTo(204);
    assertThat(heardAvailability(bob, bobHears)).isEqualTo("Online");
    assertThat(aliceHears.await("presence", "updated").sender()).isEqualTo("me");

    assertThat(alice.postJson(report, "").status()).isEqualTo(204);
    String busy = alice.get(alice.link("me/self")).json().at("/_links/presence/href").asText();
    assertThat(alice.postJson(busy, "{\"availability\":\"Busy\"}").status()).isEqualTo(204);
    assertThat(heardAvailability(bob, bobHears))
        .as("activity on an active application changes nothing: the next event is the POST's")
        .isEqualTo("Busy");

    // bob keeps a P-GET held, so only alice's (and carol's) unpolled applications expire
    EventStream.Held held = bobHears.hold();
    awaitHeld("bob");
    CLOCK.step(EXPIRE.plusMinutes(1));
    held.join();
    assertThat(heardAvailability(bob, bobHears)).isEqualTo("Offline");
    assertThat(server.applicationIds("alice")).as("alice's application expired").isEmpty();
  }

  /** Waits until the server holds a P-GET of the user's application. */
  private static void awaitHeld(String user) {
    Application app =
        server.server().applications().applicationsOf("sip:" + user + "@contoso.com").get(0);
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (app.events().idleFor().isPresent()) {
      assertThat(System.nanoTime()).as("a held P-GET of " + user).isLessThan(until);
      Thread.onSpinWait();
    }
  }
}
