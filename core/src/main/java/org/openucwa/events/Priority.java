package org.openucwa.events;

/**
 * The aggregation categories of EventsInUCWA.md. Real-time and high-priority events release a
 * pending P-GET at once; medium and low ones wait up to the channel's medium and low intervals.
 */
public enum Priority {
  Low,
  Medium,
  High,
  RealTime;

  boolean releasesAtOnce() {
    return this == High || this == RealTime;
  }
}
