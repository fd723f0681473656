package org.openucwa.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Link;

/**
 * The event channel of one application (EventsInUCWA.md, EventChannelDetails.md).
 *
 * <p>Events are queued as they are published and cut into numbered batches when a P-GET is
 * released. A P-GET with {@code ack=N} acknowledges every batch before N and asks for batch N: if N
 * was already cut (its response was lost) it is answered again, the same; if N is the next batch,
 * the request waits until an event is due or its timeout passes; any other N is answered with a
 * lone {@code resync} link. So each event reaches the client exactly once.
 *
 * <p>Threading: one lock guards all state and is never held while anything is written to a socket.
 * A pending P-GET is a thread (virtual, in the server) waiting on a condition with a deadline;
 * {@link #publish} only appends to the queue and signals, so it never blocks on a slow client. The
 * queue is bounded in events and in bytes (estimated by {@link EventSize}, so a client that stops
 * reading cannot make a few large messages pile up): past either bound the channel closes and calls
 * its overflow handler, which expires the application instead of buffering forever.
 */
public final class EventChannel {

  private static final class Queued {
    final ChannelEvent event;
    final long bytes;
    boolean superseded;

    Queued(ChannelEvent event, long bytes) {
      this.event = event;
      this.bytes = bytes;
    }
  }

  private static final class Waiter {
    final int priority;
    boolean replaced;

    Waiter(int priority) {
      this.priority = priority;
    }
  }

  private final String eventsPath;
  private final ChannelSettings settings;
  private final Clock clock;
  private final Runnable onOverflow;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final Map<String, Queued> latestUpdate = new HashMap<>();
  private final TreeMap<Long, EventsDocument> cut = new TreeMap<>();
  private long nextBatch = 1;
  private int live;
  private long liveBytes;
  private int urgent;
  private Instant firstMedium;
  private Instant firstLow;
  private Duration medium;
  private Duration low;
  private Duration timeout;
  private Waiter waiter;
  private Instant idleSince;
  private boolean resume;
  private UcwaException closedWith;

  /**
   * @param eventsPath the path of the events resource, to which {@code ?ack=N} is appended
   * @param onOverflow called, outside the lock, once the queue has overflowed
   */
  public EventChannel(
      String eventsPath, ChannelSettings settings, Clock clock, Runnable onOverflow) {
    this.eventsPath = eventsPath;
    this.settings = settings;
    this.clock = clock;
    this.onOverflow = onOverflow;
    this.medium = settings.defaultMedium();
    this.low = settings.defaultLow();
    this.timeout = settings.defaultTimeout();
    this.idleSince = clock.instant();
  }

  /** The link a client follows for its first P-GET. */
  public String firstHref() {
    return eventsPath + "?ack=1";
  }

  /** Queues an event and wakes the pending P-GET; never blocks on the client. */
  public void publish(ChannelEvent event) {
    publishAll(List.of(event));
  }

  /**
   * Queues events in order, all at once: the pending P-GET wakes once and finds them all, so the
   * events of one change reach the client in one response. Never blocks on the client.
   */
  public void publishAll(List<ChannelEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    boolean overflowed = false;
    lock.lock();
    try {
      if (closedWith != null) {
        return;
      }
      for (ChannelEvent event : events) {
        long bytes = EventSize.of(event);
        if (live >= settings.queueCapacity() || liveBytes + bytes > settings.queueCapacityBytes()) {
          closeLocked(
              UcwaException.notFound(
                  Subcode.InactiveApplicationExpired,
                  "The application stopped reading its event channel and has expired."));
          overflowed = true;
          break;
        }
        enqueueLocked(event, bytes);
      }
      if (!overflowed && waiter != null) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (overflowed) {
      onOverflow.run();
    }
  }

  /**
   * Answers one P-GET: returns the batch it asks for, waiting for it when it is the next one.
   *
   * @throws UcwaException 409 PGetReplaced when another P-GET replaces this one, or the error the
   *     channel was closed with
   */
  public EventsDocument poll(PollRequest request) throws InterruptedException {
    lock.lock();
    try {
      throwIfClosed();
      request.medium().ifPresent(d -> medium = settings.clampAggregation(d));
      request.low().ifPresent(d -> low = settings.clampAggregation(d));
      request.timeout().ifPresent(d -> timeout = settings.clampTimeout(d));
      long n = request.ack();
      EventsDocument again = cut.get(n);
      if (again != null) {
        cut.headMap(n).clear();
        return again;
      }
      if (n != nextBatch) {
        return EventsDocument.resync(href(cut.isEmpty() ? nextBatch : cut.firstKey()));
      }
      cut.headMap(n).clear();
      Waiter me = new Waiter(request.priority());
      if (waiter != null) {
        if (request.priority() < waiter.priority) {
          throw replaced();
        }
        waiter.replaced = true;
        changed.signalAll();
      }
      waiter = me;
      idleSince = null;
      try {
        awaitRelease(me, clock.instant().plus(timeout));
      } finally {
        if (waiter == me) {
          waiter = null;
          idleSince = clock.instant();
        }
      }
      EventsDocument batch = cutLocked(n);
      cut.put(n, batch);
      nextBatch = n + 1;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What a P-GET with this {@code ack} would be answered if the channel's queued events were
   * released now, without waiting, acknowledging, cutting a batch or replacing a pending P-GET: the
   * answer to a HEAD, which must change nothing.
   */
  public EventsDocument peek(long ack) {
    lock.lock();
    try {
      throwIfClosed();
      EventsDocument again = cut.get(ack);
      if (again != null) {
        return again;
      }
      if (ack != nextBatch) {
        return EventsDocument.resync(href(cut.isEmpty() ? nextBatch : cut.firstKey()));
      }
      return documentLocked(ack, resume);
    } finally {
      lock.unlock();
    }
  }

  private void awaitRelease(Waiter me, Instant deadline) throws InterruptedException {
    while (true) {
      if (me.replaced) {
        throw replaced();
      }
      throwIfClosed();
      Instant now = clock.instant();
      Instant due = dueLocked();
      Instant wakeAt = due != null && due.isBefore(deadline) ? due : deadline;
      if (!now.isBefore(wakeAt)) {
        return;
      }
      changed.awaitNanos(Math.max(1, Duration.between(now, wakeAt).toNanos()));
    }
  }

  /** When the queued events become due, or {@code null} while nothing is queued. */
  private Instant dueLocked() {
    if (urgent > 0) {
      return Instant.MIN;
    }
    Instant due = null;
    if (firstMedium != null) {
      due = firstMedium.plus(medium);
    }
    if (firstLow != null) {
      Instant l = firstLow.plus(low);
      due = due == null || l.isBefore(due) ? l : due;
    }
    return due;
  }

  private void enqueueLocked(ChannelEvent event, long bytes) {
    Priority priority = event.priority();
    String target = event.entry().link().href();
    if (event.entry().type() == EventType.updated) {
      Queued earlier = latestUpdate.get(target);
      if (earlier != null && !earlier.superseded) {
        earlier.superseded = true;
        live--;
        liveBytes -= earlier.bytes;
        if (earlier.event.priority().releasesAtOnce()) {
          urgent--;
        }
        if (earlier.event.priority().compareTo(priority) > 0) {
          priority = earlier.event.priority();
          event = new ChannelEvent(priority, event.sender(), event.entry());
        }
      }
    }
    Queued q = new Queued(event, bytes);
    queue.addLast(q);
    live++;
    liveBytes += bytes;
    if (event.entry().type() == EventType.updated) {
      latestUpdate.put(target, q);
    }
    Instant now = clock.instant();
    switch (priority) {
      case RealTime, High -> urgent++;
      case Medium -> firstMedium = firstMedium == null ? now : firstMedium;
      case Low -> firstLow = firstLow == null ? now : firstLow;
    }
  }

  private EventsDocument cutLocked(long n) {
    EventsDocument batch = documentLocked(n, resume);
    queue.clear();
    latestUpdate.clear();
    live = 0;
    liveBytes = 0;
    urgent = 0;
    firstMedium = null;
    firstLow = null;
    resume = false;
    return batch;
  }

  /** Batch {@code n} of the events queued now, grouped by sender; changes nothing. */
  private EventsDocument documentLocked(long n, boolean resuming) {
    List<EventsDocument.SenderGroup> groups = new ArrayList<>();
    Link sender = null;
    List<EventEntry> entries = new ArrayList<>();
    for (Queued q : queue) {
      if (q.superseded) {
        continue;
      }
      Link s = q.event.sender();
      if (sender != null && !sender.href().equals(s.href())) {
        groups.add(new EventsDocument.SenderGroup(sender.rel(), sender.href(), entries));
        entries = new ArrayList<>();
      }
      sender = s;
      entries.add(q.event.entry());
    }
    if (sender != null) {
      groups.add(new EventsDocument.SenderGroup(sender.rel(), sender.href(), entries));
    }
    String continuation = resuming ? "resume" : "next";
    return new EventsDocument(Optional.of(href(n)), Link.of(continuation, href(n + 1)), groups);
  }

  /** How many events wait to be delivered: for monitoring. */
  public int queuedEvents() {
    lock.lock();
    try {
      return live;
    } finally {
      lock.unlock();
    }
  }

  /** The time since the last P-GET ended, or empty while one is pending. */
  public Optional<Duration> idleFor() {
    lock.lock();
    try {
      return idleSince == null
          ? Optional.empty()
          : Optional.of(Duration.between(idleSince, clock.instant()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks that the server reset the application's transient state while its client was away: the
   * next batch carries a {@code resume} link in place of {@code next}.
   */
  public void markForResume() {
    lock.lock();
    try {
      resume = true;
    } finally {
      lock.unlock();
    }
  }

  /** Closes the channel: a pending P-GET and every later one fail with {@code reason}. */
  public void close(UcwaException reason) {
    lock.lock();
    try {
      closeLocked(reason);
    } finally {
      lock.unlock();
    }
  }

  private void closeLocked(UcwaException reason) {
    if (closedWith == null) {
      closedWith = reason;
      queue.clear();
      latestUpdate.clear();
      cut.clear();
      live = 0;
      liveBytes = 0;
      changed.signalAll();
    }
  }

  private void throwIfClosed() {
    if (closedWith != null) {
      throw closedWith;
    }
  }

  private static UcwaException replaced() {
    return UcwaException.conflict(
        Subcode.PGetReplaced, "The pending GET was replaced by a newer one from the client.");
  }

  private String href(long n) {
    return eventsPath + "?ack=" + n;
  }
}
