package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.auth.PasswordCheckPermits;
import org.openucwa.auth.SignInSettings;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Sign-in used against the server: over-long usernames, password checks that would take every
 * processor, and guesses sent in parallel to get past the throttle.
 */
class SignInAbuseScenarioTest {

  private static final String FORM = "application/x-www-form-urlencoded;charset='utf-8'";

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server =
        TestServer.start(
            b ->
                b.signIn(
                    new SignInSettings(
                        256,
                        1,
                        Duration.ofMillis(250),
                        5,
                        Duration.ofMillis(250),
                        Duration.ofSeconds(8),
                        50,
                        4,
                        Duration.ofMinutes(15),
                        10_000)));
    alice = server.client("alice");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response token(String username, String password) {
    return alice.post(
        alice.tokenUrl(),
        FORM,
        UcwaClient.form(
            Map.of("grant_type", "password", "username", username, "password", password)),
        Map.of());
  }

  @Test
  void anOverLongUsernameIsAnInvalidRequestAndIsNotCountedAgainstAnyone() {
    String name = "x".repeat(100_000) + "@contoso.com";
    for (int i = 0; i < 10; i++) {
      Response r = token(name + i, "guess");

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
      assertThat(r.json().path("error_description").asText()).contains("256");
    }

    assertThat(token("alice@contoso.com", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void whenEveryPasswordCheckPermitIsTakenASignInIsRefusedAtOnceAndSignedInUsersAreServed()
      throws InterruptedException {
    alice.createApplication("busy");
    UcwaClient bob = server.client("bob");

    Optional<PasswordCheckPermits.Permit> held = server.server().passwordChecks().acquire();
    assertThat(held).isPresent();
    Response refused;
    Response served;
    try {
      refused = token("bob@contoso.com", TestServer.PASSWORD);
      served = alice.get(alice.link("self"));
    } finally {
      held.get().close();
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.json().path("error").asText()).isEqualTo("temporarily_unavailable");
    assertThat(served.status()).isEqualTo(200);
    assertThat(bob.signIn().path("_links").has("applications")).isTrue();
  }

  @Test
  void theOwnerSignsInFromHerAddressWhileHerPasswordIsGuessedFromAnother() {
    try (TestServer proxied = TestServer.start(b -> b.trustedProxies(List.of("127.0.0.1")))) {
      UcwaClient client = proxied.client("alice");
      String tokenUrl = client.tokenUrl();
      Map<String, String> attacker = Map.of("X-Forwarded-For", "198.51.100.66");
      Map<String, String> home = Map.of("X-Forwarded-For", "192.0.2.10");
      String guess =
          UcwaClient.form(
              Map.of(
                  "grant_type", "password", "username", "alice@contoso.com", "password", "guess"));
      for (int i = 0; i < 5; i++) {
        assertThat(client.post(tokenUrl, FORM, guess, attacker).status()).isEqualTo(400);
      }

      Response attackerAgain = client.post(tokenUrl, FORM, guess, attacker);
      Response owner =
          client.post(
              tokenUrl,
              FORM,
              UcwaClient.form(
                  Map.of(
                      "grant_type",
                      "password",
                      "username",
                      "alice@contoso.com",
                      "password",
                      TestServer.PASSWORD)),
              home);

      SignInScenarioTest.assertThrottled(attackerAgain);
      assertThat(owner.status()).isEqualTo(200);
      assertThat(owner.json().path("access_token").asText()).isNotEmpty();
    }
  }

  @Test
  void guessesSentInParallelAreNotCheckedFasterThanOneByOne() throws Exception {
    List<Future<Response>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 30; i++) {
        String guess = "guess" + i;
        answers.add(pool.submit(() -> token("dave@contoso.com", guess)));
      }
    }
    int checked = 0;
    for (Future<Response> f : answers) {
      Response r = f.get();
      if (r.status() == 400) {
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_grant");
        checked++;
      } else {
        SignInScenarioTest.assertThrottled(r);
      }
    }

    // Five free failures, then waits of 250 ms, 500 ms, 1 s, 2 s...: however the 30 requests
    // interleave, only a few more than five can have been checked in the time they took.
    assertThat(checked).isBetween(1, 8);
  }
}
