package org.openucwa.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Publishes benchmark events through the real domain path, {@code Application.events().publish},
 * exactly as a conversation would: a high-priority "message added" event from a conversation,
 * embedding the message, whose {@code sentAtMicros} property is the time of publishing.
 *
 * <p>Threading: called from the control thread of {@link BenchServer} only, one command at a time;
 * publishing itself never blocks (the channel only queues and signals).
 */
final class Publisher {

  /** What a steady run did: how many events, over how long, and how far it fell behind. */
  record Run(long published, Duration elapsed, Duration maxLag) {}

  private final ApplicationRegistry registry;
  private final AtomicLong sequence = new AtomicLong();

  Publisher(ApplicationRegistry registry) {
    this.registry = registry;
  }

  /** One event to every application; returns how many were published. */
  int toEveryApplication() {
    List<Application> apps = registry.all();
    for (Application app : apps) {
      publish(app);
    }
    return apps.size();
  }

  /**
   * {@code rate} events per second for {@code duration}, each to an application drawn at random,
   * paced against the monotonic clock so that the rate holds whatever the scheduling jitter: the
   * thread sleeps until the next event is due and then publishes every event due by then. Stops at
   * the planned count, or a few seconds past the planned end if it cannot keep up.
   */
  Run steady(int rate, Duration duration) {
    return steady(rate, duration, registry.all());
  }

  /** As {@link #steady(int, Duration)}, to the applications of the user {@code uri} only. */
  Run steady(int rate, Duration duration, String uri) {
    return steady(
        rate, duration, registry.all().stream().filter(a -> a.user().uri().equals(uri)).toList());
  }

  private Run steady(int rate, Duration duration, List<Application> apps) {
    long planned = rate * duration.toSeconds();
    long deadline = duration.plusSeconds(5).toNanos();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long start = System.nanoTime();
    long sent = 0;
    long maxLag = 0;
    while (sent < planned && !apps.isEmpty()) {
      long elapsed = System.nanoTime() - start;
      if (elapsed > deadline) {
        break;
      }
      long due = Math.min(planned, elapsed * rate / 1_000_000_000L + 1);
      if (due > sent) {
        maxLag = Math.max(maxLag, elapsed - sent * 1_000_000_000L / rate);
      }
      while (sent < due) {
        publish(apps.get(random.nextInt(apps.size())));
        sent++;
      }
      long nextDue = sent * 1_000_000_000L / rate;
      LockSupport.parkNanos(Math.max(20_000, nextDue - (System.nanoTime() - start)));
    }
    return new Run(sent, Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(maxLag));
  }

  private void publish(Application app) {
    String conversation = Paths.communication(app.id()) + "/conversations/bench";
    String message = conversation + "/messaging/messages/" + sequence.incrementAndGet();
    Resource content =
        Resource.builder("message", message)
            .property("direction", "Incoming")
            .property("text", "benchmark")
            .property("sentAtMicros", Micros.now())
            .link("messaging", conversation + "/messaging")
            .build();
    app.events()
        .publish(
            new ChannelEvent(
                Priority.High,
                Link.of("conversation", conversation),
                EventEntry.embedding(EventType.added, Link.of("message", message), content)));
  }
}
