package org.openucwa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run measured, filled in phase by phase by the {@link Driver}; a phase that did not run
 * leaves its figures empty, and {@link #aborted} says why. Read by {@link Report}.
 */
final class Results {

  Options options;
  List<String> serverFlags = List.of();
  List<String> driverFlags = List.of();
  Map<String, String> machine = new LinkedHashMap<>();

  Optional<Duration> setup = Optional.empty();
  int applications;

  Map<String, String> baselineHeap = Map.of();
  Map<String, String> heldHeap = Map.of();
  Map<String, String> reheldHeap = Map.of();

  /** The classes that grew most from the baseline to every P-GET held again. */
  List<Histogram.Growth> perPgetGrowth = List.of();

  long histogramGrowth;
  int heldPending = -1;
  Optional<Duration> open = Optional.empty();

  /**
   * One release of every held P-GET: until the last response arrived, how long, how long the server
   * took to publish, the latency per event, and the CPU each process and the server's kinds of
   * thread used.
   */
  record Release(
      long micros,
      long publishMicros,
      Latencies.Summary latency,
      Duration serverCpu,
      Duration driverCpu,
      Map<String, Double> serverThreadCpu) {}

  /**
   * Every release, in order: the first right after the hold, each later one after all re-polled.
   */
  List<Release> releases = new ArrayList<>();

  Optional<Long> published = Optional.empty();
  long steadyElapsedMicros;
  long maxPublishLagMicros;
  Optional<Latencies.Summary> steadyLatency = Optional.empty();
  Optional<Duration> serverCpu = Optional.empty();
  Optional<Duration> driverCpu = Optional.empty();
  Optional<Double> otherCpu = Optional.empty();
  Map<String, Double> serverThreadCpu = Map.of();

  /** Collector and peak-heap figures at the end of each phase, by phase name. */
  Map<String, Map<String, String>> stats = new LinkedHashMap<>();

  GcLog.Log gcLog = GcLog.Log.empty();

  int pollFailures;
  Optional<String> firstPollFailure = Optional.empty();
  int unexpectedEvents;
  boolean outOfMemory;
  Optional<String> aborted = Optional.empty();

  long heldBytesPerPget() {
    return perPget(heldHeap, "used");
  }

  /** Per P-GET once every channel has delivered a response and is held again: the steady state. */
  long reheldBytesPerPget() {
    return perPget(reheldHeap, "used");
  }

  /** The larger live heap of the two times all P-GETs were held. */
  long heldHeapMax() {
    return Math.max(number(heldHeap, "used"), number(reheldHeap, "used"));
  }

  private long perPget(Map<String, String> held, String key) {
    return (number(held, key) - number(baselineHeap, key)) / Math.max(1, heldPending);
  }

  long heldRssPerPget() {
    return perPget(heldHeap, "rss");
  }

  static long number(Map<String, String> values, String key) {
    String v = values.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }
}
