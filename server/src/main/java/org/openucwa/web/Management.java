package org.openucwa.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator's endpoints, unauthenticated and outside the UCWA API: {@code GET /health/live} (200
 * while the process serves HTTP), {@code GET /health/ready} (200 once the listener is bound and the
 * directory loaded, 503 before that and while shutting down) and {@code GET /metrics} (Prometheus
 * text format). Served on the main port, or on the management port when one is configured; the
 * management port also answers the operator's API ({@code /admin/...}) through {@link #admin}.
 */
public final class Management {

  public static final String LIVE = "/health/live";
  public static final String READY = "/health/ready";
  public static final String METRICS = "/metrics";

  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final BooleanSupplier ready;
  private final Supplier<String> metrics;
  private final Function<HttpRequest, Optional<HttpResponse>> admin;

  public Management(BooleanSupplier ready, Supplier<String> metrics) {
    this(ready, metrics, request -> Optional.empty());
  }

  /**
   * @param admin the operator's API as the management port serves it; empty for a path it does not
   *     know
   */
  public Management(
      BooleanSupplier ready,
      Supplier<String> metrics,
      Function<HttpRequest, Optional<HttpResponse>> admin) {
    this.ready = ready;
    this.metrics = metrics;
    this.admin = admin;
  }

  /** The operator's API's answer on the management port; empty for any other path. */
  public Optional<HttpResponse> admin(HttpRequest request) {
    return admin.apply(request);
  }

  /** Whether {@code path} is one of these endpoints. */
  public static boolean handles(String path) {
    return path.equals(LIVE) || path.equals(READY) || path.equals(METRICS);
  }

  /** The answer to a request for one of these endpoints; empty for any other path. */
  public Optional<HttpResponse> answer(String method, String path) {
    if (!handles(path)) {
      return Optional.empty();
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Optional.of(
          text(405, "text/plain; charset=utf-8", "GET only\n").withHeader("Allow", "GET, HEAD"));
    }
    return Optional.of(
        switch (path) {
          case LIVE -> health(true);
          case READY -> health(ready.getAsBoolean());
          default -> text(200, PROMETHEUS, metrics.get());
        });
  }

  private static HttpResponse health(boolean up) {
    return text(
        up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
  }

  private static HttpResponse text(int status, String type, String body) {
    return HttpResponse.of(status, type, body.getBytes(StandardCharsets.UTF_8))
        .withHeader("Cache-Control", "no-cache");
  }
}
