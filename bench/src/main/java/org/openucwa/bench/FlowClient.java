package org.openucwa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One signed-in user of the invitation benchmark with one application, as a UCWA client holds it:
 * one connection for its requests and one that always has a P-GET pending on the event channel,
 * each event handed to the thread running the flow through a queue. Every HTTP exchange, P-GETs
 * included, is counted in a counter the clients share.
 *
 * <p>Threading: the requests are made by one flow thread at a time; the P-GET loop has its own
 * virtual thread. {@link #close} ends both by closing the sockets.
 */
final class FlowClient implements AutoCloseable {

  /** One event: the rel, type and href of its link, the event itself, and when it arrived. */
  record Event(String rel, String type, String href, JsonNode body, long atMicros) {

    /** The resource the event embeds, under its rel. */
    JsonNode embedded() {
      return body.path("_embedded").path(rel);
    }
  }

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(300);

  private final InetSocketAddress server;
  private final String uri;
  private final AtomicLong exchanges;
  private final AtomicLong stale = new AtomicLong();
  private final HttpConnection requests;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile HttpConnection polling;
  private volatile boolean closing;
  private volatile String pollFailure;
  private String token;
  private JsonNode application;

  FlowClient(InetSocketAddress server, String uri, AtomicLong exchanges) throws IOException {
    this.server = server;
    this.uri = uri;
    this.exchanges = exchanges;
    this.requests = HttpConnection.open(server, READ_TIMEOUT);
  }

  String uri() {
    return uri;
  }

  /**
   * Signs in with the password grant, creates an application and makes it available for messaging,
   * following links from the root; then starts holding a P-GET.
   */
  void start(String userPath, String tokenPath, String username, String password)
      throws IOException {
    token = SignIn.token(requests, tokenPath, username, password);
    String applications = link(get(userPath), "/_links/applications/href");
    application =
        expect(
                requests.post(
                    path(applications),
                    Optional.of(token),
                    "application/json",
                    "{\"UserAgent\":\"ucwa-bench\",\"EndpointId\":\""
                        + uri
                        + "\",\"Culture\":\"en-US\"}"),
                201)
            .json();
    post(
        link(application, "/_embedded/me/_links/makeMeAvailable/href"),
        "{\"SupportedModalities\":[\"Messaging\"]}",
        204);
    String first = link(application, "/_links/events/href");
    Thread.ofVirtual().name("pget-" + uri).start(() -> poll(first));
  }

  /** A link of the application resource, by JSON pointer. */
  String applicationLink(String pointer) {
    return link(application, pointer);
  }

  JsonNode get(String target) throws IOException {
    exchanges.incrementAndGet();
    return expect(requests.get(path(target), Optional.of(token)), 200).json();
  }

  /** POSTs JSON and expects {@code status}; returns the response. */
  HttpConnection.Response post(String target, String json, int status) throws IOException {
    exchanges.incrementAndGet();
    return expect(
        requests.post(path(target), Optional.of(token), "application/json", json), status);
  }

  /**
   * The first event to arrive that {@code wanted} accepts, skipping the others; fails when none
   * comes within {@code timeout} or the P-GET loop has failed.
   */
  Event await(Predicate<Event> wanted, Duration timeout, String what)
      throws IOException, InterruptedException {
    return await(Long.MIN_VALUE, wanted, timeout, what);
  }

  /**
   * The first event received at or after {@code sinceMicros} that {@code wanted} accepts, skipping
   * the others: an event that would have been wanted but arrived before (left over from an earlier
   * flow) is counted in {@link #stale()} and skipped, so it cannot stand for this flow's event and
   * give it a latency counted from the wrong moment.
   */
  Event await(long sinceMicros, Predicate<Event> wanted, Duration timeout, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left > 0 ? events.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS) : null;
      if (e != null && wanted.test(e)) {
        if (e.atMicros() >= sinceMicros) {
          return e;
        }
        stale.incrementAndGet();
      }
      if (pollFailure != null) {
        throw new IOException(uri + ": the event channel failed: " + pollFailure);
      }
      if (e == null && System.nanoTime() >= deadline) {
        throw new IOException(uri + ": no " + what + " event within " + timeout);
      }
    }
  }

  /** How many wanted events arrived before the flow that waited for them, and were skipped. */
  long stale() {
    return stale.get();
  }

  /** Drops every event received so far. */
  void forgetEvents() {
    events.clear();
  }

  private void poll(String first) {
    String next = first;
    try (HttpConnection c = HttpConnection.open(server, READ_TIMEOUT)) {
      polling = c;
      while (!closing) {
        exchanges.incrementAndGet();
        HttpConnection.Response r = c.get(path(next), Optional.of(token));
        if (r.status() != 200) {
          throw new IOException("P-GET answered " + r.status() + ": " + r.text());
        }
        JsonNode doc = r.json();
        for (JsonNode sender : doc.path("sender")) {
          for (JsonNode event : sender.path("events")) {
            events.add(
                new Event(
                    event.at("/link/rel").asText(),
                    event.path("type").asText(),
                    event.at("/link/href").asText(),
                    event,
                    r.receivedAtMicros()));
          }
        }
        next = link(doc, "/_links/next/href");
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        pollFailure = e.toString();
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    requests.close();
    HttpConnection c = polling;
    if (c != null) {
      c.close();
    }
  }

  static String link(JsonNode doc, String pointer) {
    JsonNode n = doc.at(pointer);
    if (n.isMissingNode() || n.asText().isEmpty()) {
      throw new IllegalStateException("no " + pointer + " in " + doc);
    }
    return n.asText();
  }

  static HttpConnection.Response expect(HttpConnection.Response r, int status) throws IOException {
    if (r.status() != status) {
      throw new IOException("expected " + status + ", got " + r.status() + ": " + r.text());
    }
    return r;
  }

  /** The path and query of a link: the benchmark talks to the one server it started. */
  static String path(String href) {
    URI u = URI.create(href);
    return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
  }
}
