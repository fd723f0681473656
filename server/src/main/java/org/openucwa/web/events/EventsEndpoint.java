package org.openucwa.web.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openucwa.error.UcwaException;
import org.openucwa.events.PollRequest;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * The events resource (events_ref.md): a P-GET with the server-given {@code ack} and the optional
 * {@code timeout}, {@code medium}, {@code low} (seconds) and {@code priority} parameters. The
 * request thread simply waits in the channel; on a virtual thread that costs a few hundred bytes of
 * stack.
 */
public final class EventsEndpoint {

  private final ApplicationEndpoints applications;
  private final AtomicInteger held = new AtomicInteger();

  public EventsEndpoint(ApplicationEndpoints applications) {
    this.applications = applications;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.APPLICATIONS + "/{app}/events",
            "events",
            true,
            Map.of("GET", this::poll, "HEAD", this::peek)));
  }

  /**
   * HEAD: the headers of the answer a P-GET would get if the queued events were released now; it
   * neither waits, nor acknowledges, nor replaces a pending P-GET.
   */
  private Reply peek(Exchange x) {
    var app = applications.app(x);
    return new Reply.Events(app.events().peek(number(x.request().query(), "ack").orElse(0L)));
  }

  private Reply poll(Exchange x) throws InterruptedException {
    var app = applications.app(x);
    app.returned();
    Map<String, String> q = x.request().query();
    PollRequest request =
        new PollRequest(
            number(q, "ack").orElse(0L),
            number(q, "timeout").map(Duration::ofSeconds),
            number(q, "medium").map(Duration::ofSeconds),
            number(q, "low").map(Duration::ofSeconds),
            number(q, "priority").map(Long::intValue).orElse(0));
    held.incrementAndGet();
    try {
      return new Reply.Events(app.events().poll(request));
    } finally {
      held.decrementAndGet();
    }
  }

  /** P-GETs waiting in their channel right now. */
  public int held() {
    return held.get();
  }

  private static Optional<Long> number(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw UcwaException.invalidParameter(name, "out of range");
      }
      return Optional.of(n);
    } catch (NumberFormatException e) {
      throw UcwaException.invalidParameter(name, "'" + v + "' is not a whole number");
    }
  }
}
