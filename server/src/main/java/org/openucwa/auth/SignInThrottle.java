package org.openucwa.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after a few failed sign-ins for one account, each further attempt
 * for that account waits, the wait doubling with each failure up to a cap, until a success or a
 * quiet period clears the record. Waiting is plain sleeping, which costs nothing on a virtual
 * thread. Thread-safe.
 */
public final class SignInThrottle {

  private record Failures(int count, Instant last) {}

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int freeAttempts;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;

  public SignInThrottle(
      Clock clock, int freeAttempts, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
    this.clock = clock;
    this.freeAttempts = freeAttempts;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
  }

  public static SignInThrottle standard(Clock clock) {
    return new SignInThrottle(
        clock, 5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofMinutes(15));
  }

  /** How long an attempt for this account must wait before it is checked. */
  public Duration delayFor(String account) {
    Failures f = failures.get(key(account));
    if (f == null || f.count() < freeAttempts) {
      return Duration.ZERO;
    }
    if (Duration.between(f.last(), clock.instant()).compareTo(forgetAfter) > 0) {
      failures.remove(key(account), f);
      return Duration.ZERO;
    }
    int excess = Math.min(f.count() - freeAttempts, 20);
    Duration d = firstDelay.multipliedBy(1L << excess);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  public void failed(String account) {
    Instant now = clock.instant();
    failures.merge(
        key(account), new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
  }

  public void succeeded(String account) {
    failures.remove(key(account));
  }

  private static String key(String account) {
    return account.toLowerCase(Locale.ROOT);
  }
}
