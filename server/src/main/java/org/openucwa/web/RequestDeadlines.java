package org.openucwa.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deadline for receiving each request's headers and body, so that a client sending them slowly
 * (or not at all) cannot hold a connection open: the request line and headers must arrive within
 * the read timeout of the request's first byte, and the body within the read timeout of the
 * headers. Once a request has been read the deadline is lifted, so a held P-GET, which waits for
 * events and not for the client, is never cut short by it; nor is a kept-alive connection waiting
 * for its next request (the idle timeout bounds that wait).
 *
 * <p>Threading: the server reads and handles each connection on one thread, so each connection
 * thread has one {@link Watch} (a thread-local, registered once). Arming and lifting are an atomic
 * write each. A single daemon thread looks at the armed watches a few times per timeout and
 * interrupts the thread of a request past its deadline, which closes its socket; a watch is claimed
 * with a compare-and-set, so a request that lifted its deadline in time is never interrupted.
 */
public final class RequestDeadlines implements AutoCloseable {

  private static final long LIFTED = 0;
  private static final long FIRED = -1;

  /** The deadline of the connection handled by one thread. */
  private static final class Watch {
    final Thread thread = Thread.currentThread();
    final AtomicLong deadline = new AtomicLong(LIFTED);
  }

  private final long timeoutNanos;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Watch> current = ThreadLocal.withInitial(this::register);
  private final ScheduledExecutorService sweeper;

  public RequestDeadlines(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    long every = Math.max(10, timeout.toMillis() / 4);
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("request-deadlines").factory());
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the timeout for the current thread's request when its first byte has arrived; does
   * nothing when the timeout already runs (more bytes of the same request).
   */
  public void begin() {
    Watch w = current.get();
    w.deadline.compareAndSet(LIFTED, Math.max(1, System.nanoTime() + timeoutNanos));
  }

  /** Starts the timeout anew for the rest of the current thread's request (its body). */
  public void arm() {
    Watch w = current.get();
    long d = w.deadline.get();
    if (d != FIRED) {
      w.deadline.compareAndSet(d, Math.max(1, System.nanoTime() + timeoutNanos));
    }
  }

  /**
   * Lifts the current thread's deadline: its request has been read.
   *
   * @return false when the deadline had passed and the thread is being interrupted; the interrupt
   *     status is cleared and the request should be abandoned
   */
  public boolean lift() {
    Watch w = current.get();
    long d = w.deadline.get();
    if (d != FIRED && w.deadline.compareAndSet(d, LIFTED)) {
      return true;
    }
    Thread.interrupted();
    w.deadline.set(LIFTED);
    return false;
  }

  /** Whether the current thread's deadline has passed (its socket is being closed). */
  public boolean expired() {
    return current.get().deadline.get() == FIRED;
  }

  private Watch register() {
    Watch w = new Watch();
    watches.add(w);
    return w;
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Watch w : watches) {
      if (!w.thread.isAlive()) {
        watches.remove(w);
        continue;
      }
      long d = w.deadline.get();
      if (d != LIFTED && d != FIRED && now - d > 0 && w.deadline.compareAndSet(d, FIRED)) {
        w.thread.interrupt();
      }
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
