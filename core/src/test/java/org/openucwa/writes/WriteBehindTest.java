package org.openucwa.writes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

  private static WriteBehind<Integer> writer(WriteBehind.Sink<Integer> sink, int capacity) {
    return new WriteBehind<>("test", sink, capacity, 3, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  /** A writer of batches of up to {@code batchSize} that lingers {@code linger} over each. */
  private static WriteBehind<Integer> lingering(
      int batchSize, Duration linger, WriteBehind.Sink<Integer> sink) {
    return new WriteBehind<>(
        "test", sink, 100, batchSize, linger, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  @Test
  void items_are_written_in_order_in_batches_no_larger_than_asked() {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    WriteBehind<Integer> w = writer(b -> batches.add(List.copyOf(b)), 100);
    for (int i = 0; i < 10; i++) {
      assertThat(w.offer(i)).isTrue();
    }

    w.close();

    assertThat(batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, 3));
    assertThat(batches.stream().flatMap(List::stream).toList())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(w.stats().written()).isEqualTo(10);
    assertThat(w.stats().pending()).isZero();
  }

  @Test
  void items_offered_one_by_one_within_the_linger_are_written_as_one_batch_and_close_flushes_them()
      throws InterruptedException {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    WriteBehind<Integer> w = lingering(50, Duration.ofHours(1), b -> batches.add(List.copyOf(b)));
    for (int i = 0; i < 5; i++) {
      w.offer(i);
      Thread.sleep(20);
    }
    assertThat(batches).isEmpty();

    w.close(Duration.ofSeconds(30));

    assertThat(batches).containsExactly(List.of(0, 1, 2, 3, 4));
  }

  /**
   * A sink may hold back what it has not finished: the idle writer asks it to write what it held
   * long enough, and the closing writer, after the last batch, to write all of it.
   */
  @Test
  void an_idle_writer_asks_the_sink_for_what_it_held_and_a_closing_one_for_all_of_it()
      throws InterruptedException {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch idle = new CountDownLatch(1);
    WriteBehind.Sink<Integer> sink =
        new WriteBehind.Sink<>() {
          @Override
          public void write(List<Integer> batch) {
            calls.add("write " + batch);
          }

          @Override
          public void writeHeld(boolean all) {
            if (all) {
              calls.add("all held");
            } else if (calls.contains("write [1]")) {
              idle.countDown();
            }
          }
        };
    WriteBehind<Integer> w = writer(sink, 10);
    w.offer(1);
    assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
    w.offer(2);

    w.close(Duration.ofSeconds(30));

    assertThat(calls).containsExactly("write [1]", "write [2]", "all held");
  }

  /** The writer sleeps through its linger; the offer that makes a batch's worth wakes it. */
  @Test
  void a_batch_worth_of_items_is_written_without_waiting_out_the_linger()
      throws InterruptedException {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch two = new CountDownLatch(2);
    WriteBehind<Integer> w =
        lingering(
            3,
            Duration.ofHours(1),
            b -> {
              batches.add(List.copyOf(b));
              two.countDown();
            });
    for (int i = 0; i < 6; i++) {
      w.offer(i);
      Thread.sleep(5);
    }

    assertThat(two.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
    w.offer(6);
    Thread.sleep(100);
    assertThat(batches).hasSize(2); // one item: the writer lingers over it
    w.close(Duration.ofSeconds(30));
    assertThat(batches).hasSize(3);
  }

  @Test
  void a_store_that_fails_for_a_while_loses_nothing_and_the_failures_are_counted() {
    AtomicInteger failuresLeft = new AtomicInteger(4);
    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    WriteBehind<Integer> w =
        writer(
            b -> {
              if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database unreachable");
              }
              written.addAll(b);
            },
            100);
    for (int i = 0; i < 7; i++) {
      w.offer(i);
    }

    w.close(Duration.ofSeconds(30));

    assertThat(written).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(w.stats().failedAttempts()).isEqualTo(4);
  }

  @Test
  void a_full_queue_refuses_and_counts_instead_of_blocking_the_caller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    WriteBehind<Integer> w =
        writer(
            b -> {
              writing.countDown();
              release.await();
            },
            2);
    w.offer(0);
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(w.offer(1)).isTrue();
    assertThat(w.offer(2)).isTrue();

    assertThat(w.offer(3)).isFalse();
    assertThat(w.stats().refused()).isEqualTo(1);
    assertThat(w.stats().pending()).isEqualTo(3);

    release.countDown();
    w.close();
    assertThat(w.stats().written()).isEqualTo(3);
  }

  @Test
  void after_close_nothing_more_is_accepted() {
    WriteBehind<Integer> w = writer(b -> {}, 10);
    w.close();

    assertThat(w.offer(1)).isFalse();
  }

  /** An item the writer has taken but is still lingering over is pending until it is written. */
  @Test
  void an_item_being_batched_is_pending_until_written() throws InterruptedException {
    CountDownLatch writing = new CountDownLatch(1);
    WriteBehind<Integer> w = lingering(3, Duration.ofMillis(300), b -> writing.countDown());
    assertThat(w.offer(1)).isTrue();
    while (!writing.await(1, TimeUnit.MILLISECONDS)) {
      long pending = w.stats().pending();
      if (writing.getCount() > 0) {
        assertThat(pending).isEqualTo(1);
      }
    }
    w.close();
    assertThat(w.stats().pending()).isZero();
    assertThat(w.stats().written()).isEqualTo(1);
  }

  @Test
  void an_item_offered_now_is_written_at_once_after_what_was_queued_and_the_next_batch_lingers()
      throws InterruptedException {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch first = new CountDownLatch(1);
    WriteBehind<Integer> w =
        lingering(
            50,
            Duration.ofHours(1),
            b -> {
              batches.add(List.copyOf(b));
              first.countDown();
            });
    w.offer(0);
    w.offer(1);

    assertThat(w.offerNow(2)).isTrue();

    // without the hurry the writer would linger for an hour
    assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(batches).containsExactly(List.of(0, 1, 2));
    w.offer(3);
    Thread.sleep(100);
    assertThat(batches).hasSize(1);
    w.close(Duration.ofSeconds(30));
    assertThat(batches).containsExactly(List.of(0, 1, 2), List.of(3));
  }
}
