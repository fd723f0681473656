package org.openucwa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalRouterTest {

  private record Note(String to, String from, int n) implements Signal {}

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final List<Note> heard = new ArrayList<>();

  private LocalRouter manual() {
    LocalRouter router = new LocalRouter(tasks::add);
    router.attach(s -> heard.add((Note) s));
    return router;
  }

  private void runAll() {
    while (!tasks.isEmpty()) {
      tasks.poll().run();
    }
  }

  @Test
  void a_recipients_queue_is_gone_once_its_signals_are_handled() {
    LocalRouter router = manual();
    router.send(new Note("sip:bob@contoso.com", "alice", 1));
    router.send(new Note("sip:Carol@contoso.com", "alice", 2));
    router.send(new Note("sip:carol@contoso.com", "bob", 3));
    assertThat(router.mailboxes()).isEqualTo(2);
    assertThat(tasks).hasSize(2);

    runAll();

    assertThat(heard).extracting(Note::n).containsExactly(1, 2, 3);
    assertThat(router.mailboxes()).isZero();
  }

  @Test
  void signals_sent_after_a_queue_was_removed_are_delivered_in_order_by_a_new_one() {
    LocalRouter router = manual();
    router.send(new Note("sip:bob@contoso.com", "alice", 1));
    runAll();
    assertThat(router.mailboxes()).isZero();

    router.send(new Note("sip:bob@contoso.com", "alice", 2));
    router.send(new Note("sip:bob@contoso.com", "alice", 3));
    assertThat(router.mailboxes()).isEqualTo(1);
    assertThat(tasks).hasSize(1);
    runAll();

    assertThat(heard).extracting(Note::n).containsExactly(1, 2, 3);
    assertThat(router.mailboxes()).isZero();
  }

  @Test
  void a_signal_sent_while_its_recipients_queue_drains_is_handled_after_the_ones_before_it() {
    LocalRouter router = new LocalRouter(tasks::add);
    router.attach(
        s -> {
          heard.add((Note) s);
          if (((Note) s).n() == 1) {
            router.send(new Note("sip:bob@contoso.com", "bob", 3));
          }
        });
    router.send(new Note("sip:bob@contoso.com", "alice", 1));
    router.send(new Note("sip:bob@contoso.com", "alice", 2));
    runAll();

    assertThat(heard).extracting(Note::n).containsExactly(1, 2, 3);
    assertThat(router.mailboxes()).isZero();
  }

  /**
   * Many senders, few recipients, queues retired and created again all the time: each recipient
   * handles one signal at a time, each sender's signals in the order sent, none lost; and no queue
   * is left once everything is handled.
   */
  @Test
  void under_concurrent_senders_order_per_sender_holds_and_no_queue_is_left()
      throws InterruptedException {
    int senders = 8;
    int each = 2_000;
    List<String> recipients = List.of("sip:a@x", "sip:b@x", "sip:c@x");
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    LocalRouter router = new LocalRouter(pool);
    Map<String, AtomicInteger> inFlight = new HashMap<>();
    Map<String, Map<String, Integer>> last = new HashMap<>();
    for (String r : recipients) {
      inFlight.put(r, new AtomicInteger());
      last.put(r, Collections.synchronizedMap(new HashMap<>()));
    }
    List<String> faults = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch delivered = new CountDownLatch(senders * each);
    router.attach(
        s -> {
          Note note = (Note) s;
          if (inFlight.get(note.to()).incrementAndGet() != 1) {
            faults.add("two signals at once for " + note.to());
          }
          Integer before = last.get(note.to()).put(note.from(), note.n());
          if (before != null && before >= note.n()) {
            faults.add(note.from() + " to " + note.to() + ": " + note.n() + " after " + before);
          }
          inFlight.get(note.to()).decrementAndGet();
          delivered.countDown();
        });

    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      String from = "sender-" + t;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      router.send(new Note(recipients.get(i % recipients.size()), from, i));
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(delivered.await(60, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(faults).isEmpty();
    assertThat(router.mailboxes()).isZero();
  }
}
