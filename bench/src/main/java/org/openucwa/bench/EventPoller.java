package org.openucwa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps one P-GET pending on every application, as a UCWA client does: each application has its own
 * connection and virtual thread, which sends {@code GET next&timeout=...}, waits for the response,
 * hands the events to the {@link Listener} and at once sends the next P-GET with the {@code next}
 * link it was given. Connecting is throttled so that the listen backlog of the server never
 * overflows.
 *
 * <p>Threading: one virtual thread per application; the listener is called from all of them. {@link
 * #close} stops every loop by closing its socket.
 */
final class EventPoller implements AutoCloseable {

  /** Told of every event response: its arrival time and the send times of its events. */
  @FunctionalInterface
  interface Listener {
    void delivered(long receivedAtMicros, long[] sentAtMicros);
  }

  private static final int MAX_POLLS_PER_APPLICATION = 1_000_000;

  private final InetSocketAddress server;
  private final List<Setup.App> apps;
  private final Duration pollTimeout;
  private final Listener listener;
  private final Semaphore connecting;
  private final Queue<HttpConnection> open = new ConcurrentLinkedQueue<>();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private volatile boolean closing;

  EventPoller(
      InetSocketAddress server,
      List<Setup.App> apps,
      Duration pollTimeout,
      int connectConcurrency,
      Listener listener) {
    this.server = server;
    this.apps = apps;
    this.pollTimeout = pollTimeout;
    this.listener = listener;
    this.connecting = new Semaphore(connectConcurrency);
  }

  void start() {
    for (Setup.App app : apps) {
      Thread.ofVirtual().name("pget").start(() -> run(app));
    }
  }

  int connected() {
    return connected.get();
  }

  int failures() {
    return failures.get();
  }

  Optional<String> firstFailure() {
    return Optional.ofNullable(firstFailure.get());
  }

  private void run(Setup.App app) {
    HttpConnection c;
    try {
      connecting.acquire();
      try {
        c = HttpConnection.open(server, pollTimeout.plusSeconds(60));
      } finally {
        connecting.release();
      }
    } catch (IOException | InterruptedException e) {
      fail("connect: " + e);
      return;
    }
    open.add(c);
    connected.incrementAndGet();
    String timeout = "timeout=" + pollTimeout.toSeconds();
    String next = app.eventsHref();
    Optional<String> token = Optional.of(app.token());
    try {
      for (int i = 0; i < MAX_POLLS_PER_APPLICATION && !closing; i++) {
        HttpConnection.Response r = c.get(next + (next.contains("?") ? "&" : "?") + timeout, token);
        if (r.status() != 200) {
          fail("P-GET answered " + r.status() + ": " + r.text());
          return;
        }
        JsonNode doc = r.json();
        listener.delivered(r.receivedAtMicros(), sentTimes(doc));
        JsonNode link = doc.at("/_links/next/href");
        if (link.isMissingNode()) {
          fail("P-GET response without a next link: " + r.text());
          return;
        }
        next = link.asText();
      }
    } catch (IOException e) {
      if (!closing) {
        fail("P-GET: " + e);
      }
    } finally {
      c.close();
    }
  }

  private static long[] sentTimes(JsonNode doc) {
    int n = 0;
    long[] out = new long[4];
    for (JsonNode sender : doc.path("sender")) {
      for (JsonNode event : sender.path("events")) {
        JsonNode sent = event.at("/_embedded/message/sentAtMicros");
        if (sent.isNumber()) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = sent.asLong();
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private void fail(String why) {
    failures.incrementAndGet();
    firstFailure.compareAndSet(null, why);
  }

  @Override
  public void close() {
    closing = true;
    for (HttpConnection c; (c = open.poll()) != null; ) {
      c.close();
    }
  }
}
