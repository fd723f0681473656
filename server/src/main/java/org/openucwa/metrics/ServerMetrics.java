package org.openucwa.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.openucwa.auth.Principal;
import org.openucwa.web.HttpRequest;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Paths;
import org.openucwa.web.RequestObserver;
import org.openucwa.writes.WriteBehind;

/**
 * The server's metrics in a Micrometer registry scraped in the Prometheus text format: requests by
 * endpoint family and status class with their latency histogram, sign-in outcomes, the JVM's
 * memory, GC, threads and CPU, and whatever gauges the wiring registers ({@link #gauge}). The
 * conversation figures come from {@link ConversationMetrics}.
 *
 * <p>Per request the cost is one lookup of the endpoint's template (a constant string with its hash
 * cached) in a concurrent map, and one timer update: meters are made once per endpoint and status
 * class and kept. Thread-safe.
 */
public final class ServerMetrics implements RequestObserver, AutoCloseable {

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(180)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ConcurrentHashMap<String, Timer[]> timers = new ConcurrentHashMap<>();
  private final Counter signInSucceeded;
  private final Counter signInFailed;
  private final Counter signInThrottled;

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    signInSucceeded = signIns("success");
    signInFailed = signIns("failure");
    signInThrottled = signIns("throttled");
  }

  private Counter signIns(String outcome) {
    return Counter.builder("ucwa.sign.ins")
        .description("Password sign-ins by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Registers a gauge read at each scrape. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** Registers a gauge with one tag, read at each scrape. */
  public void gauge(
      String name, String description, String tag, String tagValue, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).tag(tag, tagValue).register(registry);
  }

  /**
   * The figures of one store writer ({@code queue}: invitation-record, conversation-history): what
   * waits to be written, what was written, the attempts the store refused (retried), and what the
   * full queue refused. Read from the writer's stats at each scrape.
   */
  public void storeWrites(String queue, Supplier<WriteBehind.Stats> stats) {
    Gauge.builder("ucwa.store.writes.pending", () -> stats.get().pending())
        .description("Store writes queued, not yet written")
        .tag("queue", queue)
        .register(registry);
    FunctionCounter.builder("ucwa.store.writes", stats, s -> s.get().written())
        .description("Store writes written")
        .tag("queue", queue)
        .register(registry);
    FunctionCounter.builder("ucwa.store.write.failures", stats, s -> s.get().failedAttempts())
        .description("Attempts to write a batch that the store did not take (retried)")
        .tag("queue", queue)
        .register(registry);
    FunctionCounter.builder("ucwa.store.writes.refused", stats, s -> s.get().refused())
        .description("Store writes refused because the queue was full (lost)")
        .tag("queue", queue)
        .register(registry);
  }

  /** The conversation and invitation figures, fed by the conversation service's changes. */
  public ConversationMetrics conversations() {
    return new ConversationMetrics(registry);
  }

  /** Every metric in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void answered(
      HttpRequest request,
      String template,
      Optional<Principal> principal,
      HttpResponse response,
      long nanos) {
    int status = response.status();
    int statusClass = Math.min(5, Math.max(1, status / 100));
    Timer[] byClass = timers.get(template);
    if (byClass == null) {
      byClass = timers.computeIfAbsent(template, t -> new Timer[6]);
    }
    Timer timer = byClass[statusClass];
    if (timer == null) {
      timer = timer(template, statusClass);
      byClass[statusClass] = timer;
    }
    timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (template.equals(Paths.TOKEN)) {
      switch (status) {
        case 200 -> signInSucceeded.increment();
        case 429, 503 -> signInThrottled.increment();
        default -> signInFailed.increment();
      }
    }
  }

  private Timer timer(String template, int statusClass) {
    // Micrometer hands back the same timer for the same name and tags, so a race only repeats work.
    return Timer.builder("ucwa.requests")
        .description("Requests answered, by endpoint family and status class")
        .tag("family", EndpointFamily.of(template))
        .tag("status", statusClass + "xx")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
