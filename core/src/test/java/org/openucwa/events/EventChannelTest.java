package org.openucwa.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;

class EventChannelTest {

  private static final String PATH = "/ucwa/oauth/v1/applications/1/events";
  private static final Link COMMUNICATION = Link.of("communication", "/c");
  private static final Link ME = Link.of("me", "/me");

  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger overflows = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private EventChannel channel(Duration timeout, Duration medium, int capacity) {
    ChannelSettings s =
        new ChannelSettings(
            timeout,
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            medium,
            medium.multipliedBy(2),
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            capacity,
            ChannelSettings.DEFAULT_QUEUE_BYTES);
    return new EventChannel(PATH, s, Clock.systemUTC(), overflows::incrementAndGet);
  }

  private EventChannel channel() {
    return channel(Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
  }

  private static ChannelEvent event(Priority p, Link sender, EventType type, String href) {
    return new ChannelEvent(p, sender, EventEntry.of(type, Link.of("x", href)));
  }

  private CompletableFuture<EventsDocument> pollAsync(EventChannel c, PollRequest r) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return c.poll(r);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        },
        pool);
  }

  private static List<String> hrefs(EventsDocument d) {
    return d.senders().stream()
        .flatMap(s -> s.events().stream())
        .map(e -> e.link().href())
        .toList();
  }

  private static void awaitPending(EventChannel c) throws InterruptedException {
    for (int i = 0; i < 500 && c.idleFor().isPresent(); i++) {
      Thread.sleep(2);
    }
    assertThat(c.idleFor()).as("a P-GET is pending").isEmpty();
  }

  @Test
  void a_queued_high_priority_event_is_answered_at_once_with_self_and_next_links()
      throws Exception {
    EventChannel c = channel();
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));

    EventsDocument d = c.poll(PollRequest.of(1));

    assertThat(d.selfHref()).contains(PATH + "?ack=1");
    assertThat(d.continuation()).isEqualTo(Link.of("next", PATH + "?ack=2"));
    assertThat(hrefs(d)).containsExactly("/a");
  }

  @Test
  void a_pending_get_is_released_by_a_published_event() throws Exception {
    EventChannel c = channel();
    CompletableFuture<EventsDocument> pending = pollAsync(c, PollRequest.of(1));
    awaitPending(c);
    assertThat(pending).isNotDone();

    c.publish(event(Priority.RealTime, COMMUNICATION, EventType.started, "/op"));

    assertThat(hrefs(pending.get(5, TimeUnit.SECONDS))).containsExactly("/op");
  }

  @Test
  void a_pending_get_with_nothing_to_say_is_released_empty_at_its_timeout() throws Exception {
    EventChannel c = channel();
    PollRequest r =
        new PollRequest(
            1, Optional.of(Duration.ofMillis(100)), Optional.empty(), Optional.empty(), 0);

    EventsDocument d = c.poll(r);

    assertThat(d.senders()).isEmpty();
    assertThat(d.continuation().href()).endsWith("?ack=2");
  }

  @Test
  void repeating_a_request_returns_the_same_batch_and_nothing_is_lost_or_repeated()
      throws Exception {
    EventChannel c = channel();
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));
    EventsDocument first = c.poll(PollRequest.of(1));
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/b"));

    EventsDocument again = c.poll(PollRequest.of(1));
    EventsDocument second = c.poll(PollRequest.of(2));

    assertThat(again).isEqualTo(first);
    assertThat(hrefs(second)).containsExactly("/b");
  }

  @Test
  void an_acknowledged_or_future_ack_gets_only_a_resync_link_to_the_first_unacknowledged_batch()
      throws Exception {
    EventChannel c = channel();
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));
    c.poll(PollRequest.of(1));
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/b"));
    c.poll(PollRequest.of(2));

    for (long ack : new long[] {1, 7}) {
      EventsDocument d = c.poll(PollRequest.of(ack));
      assertThat(d.selfHref()).isEmpty();
      assertThat(d.senders()).isEmpty();
      assertThat(d.continuation()).isEqualTo(Link.of("resync", PATH + "?ack=2"));
    }
  }

  @Test
  void a_second_pending_get_releases_the_first_with_pget_replaced() throws Exception {
    EventChannel c = channel();
    CompletableFuture<EventsDocument> first = pollAsync(c, PollRequest.of(1));
    awaitPending(c);

    CompletableFuture<EventsDocument> second = pollAsync(c, PollRequest.of(1));

    assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(UcwaException.class)
        .satisfies(
            e ->
                assertThat(((UcwaException) e).reason().subcode())
                    .contains(Subcode.PGetReplaced.wire()));
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));
    assertThat(hrefs(second.get(5, TimeUnit.SECONDS))).containsExactly("/a");
  }

  @Test
  void a_crossing_request_of_lower_priority_is_the_one_refused() throws Exception {
    EventChannel c = channel();
    PollRequest high = new PollRequest(1, Optional.empty(), Optional.empty(), Optional.empty(), 5);
    CompletableFuture<EventsDocument> first = pollAsync(c, high);
    awaitPending(c);

    assertThatThrownBy(() -> c.poll(PollRequest.of(1)))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("PGetReplaced");
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));
    assertThat(hrefs(first.get(5, TimeUnit.SECONDS))).containsExactly("/a");
  }

  @Test
  void medium_events_wait_for_the_medium_interval_and_a_high_one_releases_all_in_order()
      throws Exception {
    EventChannel c = channel();
    c.publish(event(Priority.Medium, ME, EventType.updated, "/m"));
    c.publish(event(Priority.Low, ME, EventType.updated, "/l"));
    CompletableFuture<EventsDocument> pending = pollAsync(c, PollRequest.of(1));
    awaitPending(c);
    Thread.sleep(100);
    assertThat(pending).as("held back by aggregation").isNotDone();

    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/h"));

    assertThat(hrefs(pending.get(5, TimeUnit.SECONDS))).containsExactly("/m", "/l", "/h");
  }

  @Test
  void the_medium_parameter_shortens_the_hold_and_is_remembered() throws Exception {
    EventChannel c = channel();
    PollRequest shortMedium =
        new PollRequest(
            1, Optional.empty(), Optional.of(Duration.ofMillis(50)), Optional.empty(), 0);
    c.publish(event(Priority.Medium, ME, EventType.updated, "/m1"));
    assertThat(hrefs(pollAsync(c, shortMedium).get(5, TimeUnit.SECONDS))).containsExactly("/m1");

    c.publish(event(Priority.Medium, ME, EventType.updated, "/m2"));
    assertThat(hrefs(pollAsync(c, PollRequest.of(2)).get(5, TimeUnit.SECONDS)))
        .containsExactly("/m2");
  }

  @Test
  void superseded_updates_of_one_resource_are_merged_into_the_latest() throws Exception {
    EventChannel c = channel();
    Resource v1 = Resource.builder("communication", "/c").property("v", 1).build();
    Resource v2 = Resource.builder("communication", "/c").property("v", 2).build();
    c.publish(
        new ChannelEvent(
            Priority.Medium,
            COMMUNICATION,
            EventEntry.embedding(EventType.updated, COMMUNICATION, v1)));
    c.publish(event(Priority.Medium, ME, EventType.updated, "/me"));
    c.publish(
        new ChannelEvent(
            Priority.High,
            COMMUNICATION,
            EventEntry.embedding(EventType.updated, COMMUNICATION, v2)));

    EventsDocument d = c.poll(PollRequest.of(1));

    assertThat(hrefs(d)).containsExactly("/me", "/c");
    assertThat(d.senders().get(1).events().get(0).embedded()).contains(v2);
  }

  @Test
  void consecutive_events_of_one_sender_are_grouped_and_order_is_kept_across_senders()
      throws Exception {
    EventChannel c = channel();
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/1"));
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/2"));
    c.publish(event(Priority.High, ME, EventType.added, "/3"));
    c.publish(event(Priority.High, COMMUNICATION, EventType.deleted, "/4"));

    EventsDocument d = c.poll(PollRequest.of(1));

    assertThat(d.senders())
        .extracting(EventsDocument.SenderGroup::rel)
        .containsExactly("communication", "me", "communication");
    assertThat(d.senders().get(0).events()).hasSize(2);
  }

  @Test
  void a_channel_whose_queue_overflows_closes_and_reports_it() {
    EventChannel c = channel(Duration.ofSeconds(10), Duration.ofSeconds(5), 3);
    for (int i = 0; i < 5; i++) {
      c.publish(event(Priority.Low, ME, EventType.added, "/" + i));
    }

    assertThat(overflows).hasValue(1);
    assertThatThrownBy(() -> c.poll(PollRequest.of(1)))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("InactiveApplicationExpired");
  }

  private EventChannel channelOfBytes(long bytes) {
    ChannelSettings s =
        new ChannelSettings(
            Duration.ofSeconds(10),
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            10_000,
            bytes);
    return new EventChannel(PATH, s, Clock.systemUTC(), overflows::incrementAndGet);
  }

  private static ChannelEvent message(int i, int chars) {
    Resource content =
        Resource.builder("message", "/m/" + i)
            .link("plainMessage", "data:text/plain;charset=utf-8," + "x".repeat(chars))
            .build();
    return new ChannelEvent(
        Priority.High,
        ME,
        EventEntry.embedding(EventType.completed, Link.of("message", "/m/" + i), content));
  }

  @Test
  void a_few_large_events_left_unread_overflow_the_queue_by_their_bytes() {
    EventChannel c = channelOfBytes(1 << 20);
    for (int i = 0; i < 300; i++) {
      c.publish(message(i, 65_000));
    }

    assertThat(overflows).hasValue(1);
    assertThatThrownBy(() -> c.poll(PollRequest.of(1)))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("InactiveApplicationExpired");
  }

  @Test
  void large_events_read_as_they_come_never_overflow_the_queue() throws Exception {
    EventChannel c = channelOfBytes(1 << 20);
    long ack = 1;
    for (int i = 0; i < 300; i++) {
      c.publish(message(i, 65_000));
      c.poll(PollRequest.of(ack++));
    }

    assertThat(overflows).hasValue(0);
  }

  @Test
  void closing_the_channel_releases_the_pending_get_with_the_reason() throws Exception {
    EventChannel c = channel();
    CompletableFuture<EventsDocument> pending = pollAsync(c, PollRequest.of(1));
    awaitPending(c);

    c.close(UcwaException.notFound(Subcode.ApplicationNotFound, "deleted"));

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("ApplicationNotFound");
  }

  @Test
  void after_its_state_was_reset_the_next_response_carries_resume_instead_of_next()
      throws Exception {
    EventChannel c = channel();
    c.markForResume();
    c.publish(event(Priority.High, COMMUNICATION, EventType.deleted, "/conversation"));

    EventsDocument d = c.poll(PollRequest.of(1));
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/x"));
    EventsDocument after = c.poll(PollRequest.of(2));

    assertThat(d.continuation()).isEqualTo(Link.of("resume", PATH + "?ack=2"));
    assertThat(after.continuation().rel()).isEqualTo("next");
  }

  @Test
  void the_channel_is_idle_between_gets_and_busy_while_one_is_pending() throws Exception {
    EventChannel c = channel();
    assertThat(c.idleFor()).isPresent();
    CompletableFuture<EventsDocument> pending = pollAsync(c, PollRequest.of(1));
    awaitPending(c);
    c.publish(event(Priority.High, COMMUNICATION, EventType.added, "/a"));
    pending.get(5, TimeUnit.SECONDS);
    assertThat(c.idleFor()).isPresent();
  }

  @Test
  void the_timeout_parameter_is_remembered_for_later_gets() throws Exception {
    EventChannel c = channel();
    PollRequest shortTimeout =
        new PollRequest(
            1, Optional.of(Duration.ofMillis(50)), Optional.empty(), Optional.empty(), 0);
    c.poll(shortTimeout);

    EventsDocument second = pollAsync(c, PollRequest.of(2)).get(5, TimeUnit.SECONDS);

    assertThat(second.senders()).isEmpty();
  }
}
