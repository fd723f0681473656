package org.openucwa.events;

import java.time.Duration;
import java.util.Optional;

/**
 * One P-GET: the acknowledged batch number from the server-given link, and the optional parameters
 * a client may add ({@code timeout}, {@code medium}, {@code low} and {@code priority}).
 */
public record PollRequest(
    long ack,
    Optional<Duration> timeout,
    Optional<Duration> medium,
    Optional<Duration> low,
    int priority) {

  public static PollRequest of(long ack) {
    return new PollRequest(ack, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }
}
