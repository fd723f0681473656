package org.openucwa.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus the steps a test takes: time runs as usual, so waits measured on the clock
 * still end, and {@link #step} jumps it forward, so that a timeout of minutes passes at once.
 */
public final class SteppingClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  public void step(Duration d) {
    ahead = ahead.plus(d);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
