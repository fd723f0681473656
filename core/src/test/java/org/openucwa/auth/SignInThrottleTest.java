package org.openucwa.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openucwa.auth.SignInThrottle.Attempt;
import org.openucwa.auth.SignInThrottle.Verdict;

class SignInThrottleTest {

  private static final String ALICE = "sip:alice@contoso.com";
  private static final String HOME = "192.0.2.10";
  private static final String ATTACKER = "198.51.100.66";

  /** A clock the test moves. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final SignInThrottle throttle = new SignInThrottle(clock, SignInSettings.defaults());

  private void fail(String account, String address, int times) {
    for (int i = 0; i < times; i++) {
      Attempt a = throttle.attempt(account, address);
      assertThat(a.verdict()).as("attempt %d", i + 1).isEqualTo(Verdict.ALLOWED);
      a.failed();
    }
  }

  @Test
  void afterFiveFailuresTheNextAttemptWaitsAndTheWaitDoubles() {
    fail(ALICE, ATTACKER, 5);

    Attempt sixth = throttle.attempt(ALICE, ATTACKER);
    clock.now = clock.now.plusMillis(250);
    fail(ALICE, ATTACKER, 1);
    Attempt eighth = throttle.attempt(ALICE, ATTACKER);

    assertThat(sixth.verdict()).isEqualTo(Verdict.ACCOUNT_THROTTLED);
    assertThat(sixth.retryAfter()).isEqualTo(Duration.ofMillis(250));
    assertThat(eighth.verdict()).isEqualTo(Verdict.ACCOUNT_THROTTLED);
    assertThat(eighth.retryAfter()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aGuessInProgressMakesAParallelGuessForTheSameAccountWait() {
    Attempt first = throttle.attempt(ALICE, ATTACKER);
    Attempt parallel = throttle.attempt(ALICE, ATTACKER);
    first.failed();
    Attempt next = throttle.attempt(ALICE, ATTACKER);

    assertThat(first.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(parallel.verdict()).isEqualTo(Verdict.ACCOUNT_THROTTLED);
    assertThat(parallel.retryAfter()).isPositive();
    assertThat(next.verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void oneAddressHasOnlyAFewSignInsInProgressOverAllAccounts() {
    for (int i = 0; i < 4; i++) {
      assertThat(throttle.attempt("user" + i, ATTACKER).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    assertThat(throttle.attempt("user4", ATTACKER).verdict()).isEqualTo(Verdict.ADDRESS_THROTTLED);
    assertThat(throttle.attempt("user4", HOME).verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void theOwnerSignsInFromHerAddressWhileAnotherGuessesHerPassword() {
    fail(ALICE, ATTACKER, 5);
    assertThat(throttle.attempt(ALICE, ATTACKER).verdict()).isEqualTo(Verdict.ACCOUNT_THROTTLED);

    Attempt owner = throttle.attempt(ALICE, HOME);

    assertThat(owner.verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(owner.retryAfter()).isZero();
  }

  @Test
  void anAddressTryingManyAccountsIsThrottledOverAll() {
    for (int i = 0; i < 50; i++) {
      fail("user" + i, ATTACKER, 1);
    }

    Attempt next = throttle.attempt("someone-new", ATTACKER);

    assertThat(next.verdict()).isEqualTo(Verdict.ADDRESS_THROTTLED);
    assertThat(throttle.attempt("someone-new", HOME).verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void aSuccessClearsTheAccountsFailures() {
    fail(ALICE, HOME, 4);
    throttle.attempt(ALICE, HOME).succeeded();

    fail(ALICE, HOME, 5);
  }

  @Test
  void failuresAreForgottenAfterAQuietPeriod() {
    fail(ALICE, ATTACKER, 5);

    clock.now = clock.now.plus(Duration.ofMinutes(16));

    assertThat(throttle.attempt(ALICE, ATTACKER).verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(throttle.tracked()).isEqualTo(2);
  }

  @Test
  void whatIsRememberedIsBoundedHoweverManyNamesAreTried() {
    SignInSettings d = SignInSettings.defaults();
    SignInThrottle small =
        new SignInThrottle(
            clock,
            new SignInSettings(
                d.maxUsernameLength(),
                d.hashingPermits(),
                d.permitWait(),
                d.freeFailures(),
                d.firstDelay(),
                d.maxDelay(),
                1_000_000,
                d.maxConcurrentPerAddress(),
                d.forgetAfter(),
                100));

    for (int i = 0; i < 10_000; i++) {
      small.attempt("invented-" + i + "@contoso.com", "203.0.113." + (i % 250)).failed();
    }

    assertThat(small.tracked()).isLessThanOrEqualTo(200);
  }
}
