package org.openucwa.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the CPU that sign-in takes: a password check (PBKDF2, some 100 ms of one core) runs only
 * with a permit, and there are fewer permits than processors, so a flood of sign-ins cannot starve
 * the requests of users already signed in. A sign-in that gets no permit within a short wait is
 * refused at once (503 with Retry-After) rather than queued without end. Thread-safe.
 */
public final class PasswordCheckPermits {

  /** A held permit; closing it gives it back. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Semaphore permits;
  private final Duration wait;

  public PasswordCheckPermits(int permits, Duration wait) {
    this.permits = new Semaphore(permits, true);
    this.wait = wait;
  }

  /** A permit, or empty when none came free within the wait. */
  public Optional<Permit> acquire() throws InterruptedException {
    if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    return Optional.of(permits::release);
  }
}
