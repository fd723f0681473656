package org.openucwa.bench;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch. The server stamps each event with it and the
 * driver subtracts it from its own reading when the event arrives; both processes run on the same
 * machine and read the same clock, so the difference is the delivery latency.
 */
final class Micros {

  private Micros() {}

  static long now() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
