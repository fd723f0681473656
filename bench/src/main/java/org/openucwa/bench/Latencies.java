package org.openucwa.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The delivery latencies of one phase, in microseconds, kept whole (a run has at most a few hundred
 * thousand) so that percentiles are exact. Also a count-down of the events the phase expects, so
 * the driver can wait for the last one instead of sleeping.
 *
 * <p>Threading: {@link #record} from any thread; {@link #summary} after the phase.
 */
final class Latencies {

  /** Nearest-rank percentiles of the recorded latencies, in microseconds. */
  record Summary(int count, long p50, long p90, long p99, long p999, long max, double mean) {}

  private final AtomicLongArray samples;
  private final AtomicLongArray sentAt;
  private final AtomicInteger count = new AtomicInteger();
  private final CountDownLatch expected;
  private final AtomicLong lastArrival = new AtomicLong();

  Latencies(int capacity, long expected) {
    this.samples = new AtomicLongArray(capacity);
    this.sentAt = new AtomicLongArray(capacity);
    this.expected = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, expected));
  }

  void record(long sentAtMicros, long receivedAtMicros) {
    int i = count.getAndIncrement();
    if (i < samples.length()) {
      samples.set(i, receivedAtMicros - sentAtMicros);
      sentAt.set(i, sentAtMicros);
    }
    expected.countDown();
  }

  /**
   * Every sample as {@code sentAtMicros,latencyMicros}, in order of sending, to look for patterns.
   */
  void writeCsv(Path file) throws IOException {
    int n = Math.min(count.get(), samples.length());
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new long[] {sentAt.get(i), samples.get(i)};
    }
    Arrays.sort(rows, (a, b) -> Long.compare(a[0], b[0]));
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("sentAtMicros,latencyMicros\n");
      for (long[] row : rows) {
        w.write(row[0] + "," + row[1] + "\n");
      }
    }
  }

  /** Notes when an event arrived, to know when the last one did. */
  void arrived(long atMicros) {
    lastArrival.accumulateAndGet(atMicros, Math::max);
  }

  long lastArrivalMicros() {
    return lastArrival.get();
  }

  /** Stops waiting for events that will never come (fewer were published than planned). */
  void forgive(long events) {
    for (long i = 0; i < events; i++) {
      expected.countDown();
    }
  }

  boolean awaitExpected(Duration timeout) throws InterruptedException {
    return expected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  int count() {
    return count.get();
  }

  Summary summary() {
    int n = Math.min(count.get(), samples.length());
    long[] s = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      s[i] = samples.get(i);
      sum += s[i];
    }
    Arrays.sort(s);
    return new Summary(
        n,
        rank(s, 50),
        rank(s, 90),
        rank(s, 99),
        rank(s, 99.9),
        n == 0 ? 0 : s[n - 1],
        n == 0 ? 0 : (double) sum / n);
  }

  private static long rank(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      return 0;
    }
    int r = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, r - 1)];
  }
}
