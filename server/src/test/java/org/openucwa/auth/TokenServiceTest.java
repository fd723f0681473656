package org.openucwa.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.ManualClock;

class TokenServiceTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final TokenService tokens =
      new TokenService(new SecureRandom(), clock, Duration.ofHours(8));

  @Test
  void a_token_verified_before_is_still_refused_once_it_has_expired() {
    String token = tokens.issue("sip:alice@contoso.com", Set.of(Scope.UserReadWrite));
    assertThat(tokens.verify(token)).map(Principal::userUri).contains("sip:alice@contoso.com");
    assertThat(tokens.verify(token)).isPresent();

    clock.advance(Duration.ofHours(8));

    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void a_token_changed_after_a_good_one_was_verified_is_refused() {
    String token = tokens.issue("sip:alice@contoso.com", Set.of(Scope.UserReadWrite));
    assertThat(tokens.verify(token)).isPresent();

    String last = token.substring(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last.equals("A") ? "B" : "A");

    assertThat(tokens.verify(tampered)).isEmpty();
    assertThat(tokens.verify(token + "x")).isEmpty();
  }

  @Test
  void a_token_of_another_signing_key_is_refused_even_for_the_same_user() {
    TokenService other = new TokenService(new SecureRandom(), clock, Duration.ofHours(8));
    String foreign = other.issue("sip:alice@contoso.com", Set.of(Scope.UserReadWrite));
    assertThat(other.verify(foreign)).isPresent();

    assertThat(tokens.verify(foreign)).isEmpty();
  }
}
