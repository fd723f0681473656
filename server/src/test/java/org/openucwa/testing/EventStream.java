package org.openucwa.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Reads an application's event channel as a client does, following {@code next} links, and keeps
 * every event it has seen (with its sender) so that tests can wait for one and check the order of
 * others. Confined to the test thread.
 */
public final class EventStream {

  /** One event as delivered: its sender's rel and the event object. */
  public record Event(String sender, JsonNode body) {
    public String rel() {
      return body.at("/link/rel").asText();
    }

    public String type() {
      return body.at("/type").asText();
    }

    public String href() {
      return body.at("/link/href").asText();
    }

    /** The embedded resource, under the key equal to the link's rel. */
    public JsonNode embedded() {
      return body.at("/_embedded/" + rel());
    }

    @Override
    public String toString() {
      return sender + ":" + rel() + ":" + type();
    }
  }

  private final UcwaClient client;
  private String next;
  private final List<Event> seen = new ArrayList<>();
  private int consumed;

  EventStream(UcwaClient client, String first) {
    this.client = client;
    this.next = first;
  }

  /** Every event seen so far. */
  public List<Event> all() {
    return List.copyOf(seen);
  }

  /**
   * Waits for the first not yet consumed event that matches, polling the channel as needed; events
   * before it are consumed too (they stay in {@link #all()}).
   */
  public Event await(Predicate<Event> match, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      for (int i = consumed; i < seen.size(); i++) {
        if (match.test(seen.get(i))) {
          consumed = i + 1;
          return seen.get(i);
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no matching event within " + within + "; seen: " + seen);
      }
      poll();
    }
  }

  public Event await(String rel, String type) {
    return await(e -> e.rel().equals(rel) && e.type().equals(type), Duration.ofSeconds(15));
  }

  /** The latest event seen with this rel and type, consumed or not. */
  public Event last(String rel, String type) {
    for (int i = seen.size() - 1; i >= 0; i--) {
      Event e = seen.get(i);
      if (e.rel().equals(rel) && e.type().equals(type)) {
        return e;
      }
    }
    throw new AssertionError("no " + rel + " " + type + " event; seen: " + seen);
  }

  /** Events not consumed yet, after one more short poll. */
  public List<Event> drain() {
    poll();
    List<Event> rest = List.copyOf(seen.subList(consumed, seen.size()));
    consumed = seen.size();
    return rest;
  }

  /**
   * Sends the P-GET for the next batch from another thread and returns at once, so that the test
   * can act while the server holds it. Until {@link Held#join} the stream must not be read.
   */
  public Held hold() {
    String href = UcwaClient.withQuery(next, "timeout=20");
    return new Held(CompletableFuture.supplyAsync(() -> client.get(href)));
  }

  /** A P-GET sent by {@link #hold}. */
  public final class Held {
    private final CompletableFuture<UcwaClient.Response> response;

    private Held(CompletableFuture<UcwaClient.Response> response) {
      this.response = response;
    }

    /** Waits for the P-GET's answer and adds its events to the stream; returns them. */
    public List<Event> join() {
      int from = seen.size();
      try {
        accept(response.get(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("the held P-GET failed", e);
      }
      return List.copyOf(seen.subList(from, seen.size()));
    }
  }

  private void poll() {
    accept(client.get(next + (next.contains("?") ? "&" : "?") + "timeout=1"));
  }

  private void accept(UcwaClient.Response r) {
    if (r.status() != 200) {
      throw new AssertionError("event channel answered " + r.status() + ": " + r.body());
    }
    JsonNode body = r.json();
    JsonNode link = body.at("/_links/next/href");
    if (link.isMissingNode()) {
      link = body.at("/_links/resume/href");
    }
    next = link.asText();
    for (JsonNode sender : body.path("sender")) {
      for (JsonNode e : sender.path("events")) {
        seen.add(new Event(sender.get("rel").asText(), e));
      }
    }
  }
}
