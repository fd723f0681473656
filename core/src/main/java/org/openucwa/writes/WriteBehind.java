package org.openucwa.writes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what the hot path wants written off it: {@link #offer} only enqueues (never blocks, never
 * touches the store), and one writer thread hands batches to the {@link Sink} in order. A batch the
 * sink refuses (the store unreachable) is retried, with a growing pause, until it is written: what
 * was queued is never dropped. The writer lingers a little after the first item of a batch, so that
 * under a steady trickle the store sees a few large batches rather than many batches of one (each a
 * transaction), and the sink may fold the steps of one thing within a batch into one row. Only when
 * the queue is full does {@code offer} refuse, counting and logging what it refused. {@link #close}
 * stops accepting and flushes what is queued.
 *
 * <p>Threading: {@code offer} from any thread; the sink is called on the single writer thread.
 */
public final class WriteBehind<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

  /** Writes one batch, all or nothing; throws when it could not. */
  @FunctionalInterface
  public interface Sink<T> {
    void write(List<T> batch) throws Exception;

    /**
     * Writes what the sink held back from earlier batches (a sink may hold a thing whose steps are
     * still coming, to write it whole once): what it has held long enough, when the writer is idle,
     * and all of it ({@code all}) when the writer closes. Throws when it could not; what was not
     * written stays held. By default a sink holds nothing.
     */
    default void writeHeld(boolean all) throws Exception {}
  }

  /** What the writer has done so far: the counters an operator watches. */
  public record Stats(long pending, long written, long failedAttempts, long refused) {}

  private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String name;
  private final Sink<T> sink;
  private final BlockingQueue<T> queue;
  private final int batchSize;
  private final long lingerNanos;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Thread writer;
  private volatile boolean closing;

  /** Someone waits on an item offered with {@link #offerNow}: write without lingering. */
  private volatile boolean hurry;

  /** The writer sleeps through its linger: an offer that makes a batch's worth wakes it. */
  private volatile boolean lingering;

  /** Offered and not yet written: counted before the writer can see an item, so never short. */
  private final AtomicLong pending = new AtomicLong();

  public WriteBehind(
      String name,
      Sink<T> sink,
      int capacity,
      int batchSize,
      Duration firstRetry,
      Duration maxRetry) {
    this(name, sink, capacity, batchSize, Duration.ZERO, firstRetry, maxRetry);
  }

  /**
   * @param linger how long the writer waits, after the first item of a batch, for more items before
   *     it writes the batch (unless the batch fills or the writer is closing)
   */
  public WriteBehind(
      String name,
      Sink<T> sink,
      int capacity,
      int batchSize,
      Duration linger,
      Duration firstRetry,
      Duration maxRetry) {
    this.name = name;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.writer = Thread.ofPlatform().daemon().name(name + "-writer").unstarted(this::run);
    writer.start();
  }

  /** Queues an item for writing; false (counted and logged) when closed or the queue is full. */
  public boolean offer(T item) {
    long now = pending.incrementAndGet();
    if (!closing && queue.offer(item)) {
      if (now >= batchSize && lingering) {
        LockSupport.unpark(writer);
      }
      return true;
    }
    pending.decrementAndGet();
    long n = refused.incrementAndGet();
    if (n == 1 || n % 1000 == 0) {
      LOG.warn(
          "{}: {} write(s) refused so far: {}",
          name,
          n,
          closing ? "shutting down" : "the queue of " + queue.size() + " is full");
    }
    return false;
  }

  /**
   * Queues an item as {@link #offer} does, and has the writer write the batch it gathers now rather
   * than at the end of its linger: for an item someone waits on (the batch still holds, in order,
   * what was queued before it).
   */
  public boolean offerNow(T item) {
    if (!offer(item)) {
      return false;
    }
    hurry = true;
    LockSupport.unpark(writer);
    return true;
  }

  public Stats stats() {
    return new Stats(pending.get(), written.get(), failedAttempts.get(), refused.get());
  }

  private void run() {
    List<T> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing) {
            writeUntilDone(() -> sink.writeHeld(true), 0);
            return;
          }
          writeHeldWhileIdle();
          continue;
        }
        batch.add(first);
        fill(batch);
        List<T> items = batch;
        writeUntilDone(() -> sink.write(items), items.size());
        written.addAndGet(batch.size());
        pending.addAndGet(-batch.size());
        batch = new ArrayList<>(batchSize);
      } catch (InterruptedException e) {
        if (!batch.isEmpty() || !queue.isEmpty()) {
          LOG.error("{}: stopped with {} write(s) not written", name, batch.size() + queue.size());
        }
        return;
      }
    }
  }

  /**
   * Adds to the batch what is queued, after waiting up to the linger for a batch's worth. The
   * writer sleeps through the linger rather than waiting on the queue: waiting on the queue, it was
   * woken by every item offered (a thread switch per item, on both sides); asleep, it is woken only
   * when a batch's worth is pending, an item is hurried, or the writer is closing.
   */
  private void fill(List<T> batch) throws InterruptedException {
    long deadline = System.nanoTime() + lingerNanos;
    lingering = true;
    try {
      while (!closing && !hurry && pending.get() < batchSize) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // woken early by an offer that makes a batch, a hurried item or a close
        LockSupport.parkNanos(this, Math.min(left, CLOSE_CHECK_NANOS));
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    } finally {
      lingering = false;
    }
    boolean hurried = hurry;
    if (hurried) {
      // the hurried item was queued before the flag was set: the drain below takes it
      hurry = false;
    }
    queue.drainTo(batch, batchSize - batch.size());
    if (hurried && batch.size() >= batchSize) {
      hurry = true; // it may not have fitted: the next batch goes at once too
    }
  }

  /** One write to the sink. */
  @FunctionalInterface
  private interface Write {
    void run() throws Exception;
  }

  /** Idle: what the sink held long enough is written; a failure is retried at the next idle. */
  private void writeHeldWhileIdle() {
    try {
      sink.writeHeld(false);
    } catch (Exception e) {
      failedAttempts.incrementAndGet();
      LOG.debug("{}: cannot write what is held yet ({})", name, e.getMessage());
    }
  }

  private void writeUntilDone(Write write, int size) throws InterruptedException {
    Duration pause = firstRetry;
    boolean failing = false;
    while (true) {
      try {
        write.run();
        if (failing) {
          LOG.info("{}: the store is reachable again; {} write(s) caught up", name, size);
        }
        return;
      } catch (Exception e) {
        failedAttempts.incrementAndGet();
        if (!failing) {
          LOG.warn(
              "{}: cannot write to the store ({}); {} write(s) kept and retried",
              name,
              e.getMessage(),
              size + queue.size());
          failing = true;
        }
        Thread.sleep(pause.toMillis());
        pause = pause.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : pause.multipliedBy(2);
      }
    }
  }

  /** Stops accepting, then waits up to {@code grace} for what is queued to be written. */
  public void close(Duration grace) {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
