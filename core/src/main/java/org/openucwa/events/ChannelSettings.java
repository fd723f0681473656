package org.openucwa.events;

import java.time.Duration;

/**
 * Bounds and defaults of the event channel: the P-GET timeout (the {@code timeout} parameter is
 * honoured within [minTimeout, maxTimeout]), the medium and low aggregation intervals (the {@code
 * medium} and {@code low} parameters, within [minAggregation, maxAggregation]), and the most events
 * and bytes (as estimated by {@link EventSize}) an application may have queued before it is expired
 * rather than buffered forever. The reference's values are the defaults; tests shorten them.
 */
public record ChannelSettings(
    Duration defaultTimeout,
    Duration minTimeout,
    Duration maxTimeout,
    Duration defaultMedium,
    Duration defaultLow,
    Duration minAggregation,
    Duration maxAggregation,
    int queueCapacity,
    long queueCapacityBytes) {

  /** 8 MiB: a hundred of the largest messages. */
  public static final long DEFAULT_QUEUE_BYTES = 8L << 20;

  public static ChannelSettings reference() {
    return new ChannelSettings(
        Duration.ofSeconds(180),
        Duration.ofSeconds(180),
        Duration.ofSeconds(1800),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1800),
        10_000,
        DEFAULT_QUEUE_BYTES);
  }

  Duration clampTimeout(Duration d) {
    return clamp(d, minTimeout, maxTimeout);
  }

  Duration clampAggregation(Duration d) {
    return clamp(d, minAggregation, maxAggregation);
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
