package org.openucwa.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing without locking out the account's owner.
 *
 * <p>Failures are counted per account <em>and client address</em>: after a few, each further
 * attempt for that account from that address must wait, the wait doubling with each failure up to a
 * cap, until a success or a quiet period clears the record. An attacker guessing alice's password
 * from elsewhere therefore never slows alice down. To stop one address from trying many accounts,
 * its failures over all accounts are counted too, with a larger allowance. Attempts that come too
 * early are not made to wait (a waiting request still holds a connection): they are refused at once
 * with the time to retry. Parallel guesses gain nothing: one account may have only one attempt in
 * progress per address, and one address only a few over all accounts.
 *
 * <p>The records live in two Caffeine caches bounded in size and expiring after the quiet period,
 * so a flood of invented usernames or addresses costs bounded memory; under that pressure the
 * caches keep the records that are used often. Thread-safe: each record is guarded by its monitor.
 */
public final class SignInThrottle {

  /** What the throttle says about an attempt. */
  public enum Verdict {
    /** The password may be checked; report the result to the {@link Attempt}. */
    ALLOWED,
    /** Too many failures, or an attempt in progress, for this account from this address. */
    ACCOUNT_THROTTLED,
    /** Too many failures, or attempts in progress, from this address. */
    ADDRESS_THROTTLED
  }

  /** The throttle's answer; when allowed, report the attempt's result to it exactly once. */
  public interface Attempt {
    Verdict verdict();

    /** When to retry, for a refused attempt; zero when allowed. */
    Duration retryAfter();

    void succeeded();

    void failed();

    /** The password was not checked after all (the server was too busy): no result to count. */
    void abandoned();
  }

  private static final class Record {
    int failures;
    Instant last = Instant.MIN;
    int inProgress;
  }

  private final Clock clock;
  private final SignInSettings settings;
  private final Cache<String, Record> accounts;
  private final Cache<String, Record> addresses;

  public SignInThrottle(Clock clock, SignInSettings settings) {
    this.clock = clock;
    this.settings = settings;
    this.accounts = cache(clock, settings);
    this.addresses = cache(clock, settings);
  }

  private static Cache<String, Record> cache(Clock clock, SignInSettings settings) {
    return Caffeine.newBuilder()
        .maximumSize(settings.maxTracked())
        .expireAfterAccess(settings.forgetAfter().toNanos(), TimeUnit.NANOSECONDS)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .build();
  }

  /** Asks to check a password for {@code account} (any spelling's canonical form) from there. */
  public Attempt attempt(String account, String address) {
    Instant now = clock.instant();
    Record from = addresses.get(address, k -> new Record());
    synchronized (from) {
      Duration wait = waitFor(from, settings.addressFreeFailures(), now);
      if (from.inProgress >= settings.maxConcurrentPerAddress()) {
        wait = wait.isZero() ? Duration.ofSeconds(1) : wait;
      }
      if (!wait.isZero()) {
        return refused(Verdict.ADDRESS_THROTTLED, wait);
      }
      from.inProgress++;
    }
    Record pair =
        accounts.get(account.toLowerCase(Locale.ROOT) + '\n' + address, k -> new Record());
    synchronized (pair) {
      Duration wait = waitFor(pair, settings.freeFailures(), now);
      if (pair.inProgress > 0) {
        wait = wait.isZero() ? Duration.ofSeconds(1) : wait;
      }
      if (!wait.isZero()) {
        synchronized (from) {
          from.inProgress--;
        }
        return refused(Verdict.ACCOUNT_THROTTLED, wait);
      }
      pair.inProgress++;
    }
    return new Allowed(pair, from);
  }

  /** For tests: how many records (accounts and addresses) are remembered now. */
  long tracked() {
    accounts.cleanUp();
    addresses.cleanUp();
    return accounts.estimatedSize() + addresses.estimatedSize();
  }

  /** How long an attempt must still wait after the record's failures; zero if none. */
  private Duration waitFor(Record r, int free, Instant now) {
    if (r.failures < free) {
      return Duration.ZERO;
    }
    int excess = Math.min(r.failures - free, 20);
    Duration delay = settings.firstDelay().multipliedBy(1L << excess);
    delay = delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    Duration left = Duration.between(now, r.last.plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private final class Allowed implements Attempt {
    private final Record pair;
    private final Record from;

    Allowed(Record pair, Record from) {
      this.pair = pair;
      this.from = from;
    }

    @Override
    public Verdict verdict() {
      return Verdict.ALLOWED;
    }

    @Override
    public Duration retryAfter() {
      return Duration.ZERO;
    }

    @Override
    public void succeeded() {
      synchronized (pair) {
        pair.inProgress--;
        pair.failures = 0;
      }
      synchronized (from) {
        from.inProgress--;
      }
    }

    @Override
    public void abandoned() {
      synchronized (pair) {
        pair.inProgress--;
      }
      synchronized (from) {
        from.inProgress--;
      }
    }

    @Override
    public void failed() {
      Instant now = clock.instant();
      synchronized (pair) {
        pair.inProgress--;
        pair.failures++;
        pair.last = now;
      }
      synchronized (from) {
        from.inProgress--;
        from.failures++;
        from.last = now;
      }
    }
  }

  private static Attempt refused(Verdict verdict, Duration wait) {
    return new Attempt() {
      @Override
      public Verdict verdict() {
        return verdict;
      }

      @Override
      public Duration retryAfter() {
        return wait;
      }

      @Override
      public void succeeded() {}

      @Override
      public void failed() {}

      @Override
      public void abandoned() {}
    };
  }
}
