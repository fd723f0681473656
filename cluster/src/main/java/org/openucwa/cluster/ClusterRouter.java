package org.openucwa.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.topic.ITopic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.people.PeopleSignals;
import org.openucwa.routing.Homes.HomeUnknownException;
import org.openucwa.routing.LocalRouter;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of a cluster: a signal for a user homed here goes to this node's {@link LocalRouter};
 * one for a user homed elsewhere is encoded ({@link Signals}) and put in the home node's outbox,
 * which publishes what waits in it as one message on that node's own topic, whose listener hands
 * the signals to that node's local router.
 *
 * <p>Order: an outbox is emptied by one thread at a time, in the order the signals came, and
 * Hazelcast delivers the messages one member publishes on one topic in the order they were
 * published; the receiving local router keeps one ordered mailbox per recipient. So signals to a
 * recipient keep the order they were sent in. The sender only queues: it never waits for the
 * recipient's node, nor for the publishing.
 *
 * <p>Cost: a message costs both nodes about the same whether it holds one signal or many (its
 * publishing, its packet, the wake-ups of the threads that carry it), so signals sent while the
 * outbox's thread waits its turn go together (decision 0059's addendum).
 */
public final class ClusterRouter implements Router {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterRouter.class);
  private static final String TOPIC_PREFIX = "ucwa-signals-";

  private final ClusterNode node;
  private final LocalRouter local;

  /** The member each user on another node was last known homed on, by user (lower case). */
  private final ConcurrentHashMap<String, UUID> homes = new ConcurrentHashMap<>();

  /** Members that left the cluster: a signal sent to one of them can no longer arrive. */
  private final Set<UUID> departed = ConcurrentHashMap.newKeySet();

  /** The signals on their way to each other member. */
  private final ConcurrentHashMap<UUID, Outbox> outboxes = new ConcurrentHashMap<>();

  private volatile Consumer<Set<String>> onLost = lost -> {};

  public ClusterRouter(ClusterNode node, LocalRouter local) {
    this.node = node;
    this.local = local;
    ITopic<byte[]> mine = node.hazelcast().getTopic(TOPIC_PREFIX + node.localId());
    mine.addMessageListener(
        m -> {
          List<Signal> signals;
          try {
            signals = Signals.decodeAll(m.getMessageObject());
          } catch (RuntimeException e) {
            LOG.warn(
                "Dropped a malformed message of signals from {}: {}",
                m.getPublishingMember(),
                e.toString());
            return;
          }
          Member from = m.getPublishingMember();
          for (Signal s : signals) {
            if (from != null) {
              remember(fromOf(s), from.getUuid());
            }
            local.send(s);
          }
        });
    node.hazelcast()
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent e) {}

              @Override
              public void memberRemoved(MembershipEvent e) {
                lost(e.getMember().getUuid());
              }
            });
  }

  /**
   * Tells {@code handler} of the users whose node left the cluster (died, or stopped), once for
   * each such node, on a thread of its own.
   */
  public void onLost(Consumer<Set<String>> handler) {
    this.onLost = handler;
  }

  private void lost(UUID member) {
    departed.add(member);
    outboxes.remove(member);
    Set<String> users = new HashSet<>();
    homes.forEach(
        (user, home) -> {
          if (home.equals(member) && homes.remove(user, home)) {
            users.add(user);
          }
        });
    if (users.isEmpty()) {
      return;
    }
    LOG.warn("A cluster member left: {} of its users are unreachable", users.size());
    unreachable(users);
  }

  private void unreachable(Set<String> users) {
    Thread.ofVirtual()
        .name("cluster-member-lost")
        .start(
            () -> {
              try {
                onLost.accept(Set.copyOf(users));
              } catch (RuntimeException e) {
                LOG.error("Ending what the lost users held failed", e);
              }
            });
  }

  private void remember(String user, UUID member) {
    if (user != null) {
      homes.put(user.toLowerCase(Locale.ROOT), member);
    }
  }

  /** The user a signal comes from, when it names one. */
  private static String fromOf(Signal s) {
    return switch (s) {
      case org.openucwa.conversation.Signals.Invite i -> i.from().uri();
      case org.openucwa.conversation.Signals.Withdraw w -> w.inviter();
      case org.openucwa.conversation.Signals.Answer a -> a.by().uri();
      case org.openucwa.conversation.Signals.Chat c -> c.from().uri();
      case org.openucwa.conversation.Signals.Receipt r -> r.by().uri();
      case org.openucwa.conversation.Signals.Typing t -> t.from().uri();
      case org.openucwa.conversation.Signals.Bye b -> b.from().uri();
      case ConferenceSignals.Join j -> j.who().uri();
      case ConferenceSignals.Leave l -> l.who().uri();
      case ConferenceSignals.Say y -> y.from().uri();
      case ConferenceSignals.Escalated e -> e.ref().focus();
      case ConferenceSignals.Roster r -> r.ref().focus();
      case PeopleSignals.Watch w -> w.watcher();
      case PeopleSignals.Changed c -> c.contact();
      default -> null;
    };
  }

  @Override
  public void send(Signal signal) {
    Member home;
    try {
      home = node.homeOf(signal.to());
    } catch (HomeUnknownException e) {
      // partitions not assigned yet: only this node can take it now
      local.send(signal);
      return;
    }
    if (home.localMember()) {
      local.send(signal);
      return;
    }
    UUID member = home.getUuid();
    String to = signal.to().toLowerCase(Locale.ROOT);
    homes.put(to, member);
    if (!departed.contains(member)) {
      outboxes.computeIfAbsent(member, Outbox::new).offer(Signals.encode(signal));
    }
    // Sent to a member that has left (its departure was being handled as this was sent): the
    // signal cannot arrive, and the sweep of the departure may have missed the recipient; whoever
    // takes the recipient out of the map ends what the sender's side had with it.
    if (departed.contains(member) && homes.remove(to, member)) {
      LOG.warn("A signal went to a cluster member that has left: its recipient is unreachable");
      unreachable(Set.of(to));
    }
  }

  private ITopic<byte[]> topicOf(UUID member) {
    return node.hazelcast().getTopic(TOPIC_PREFIX + member);
  }

  /**
   * The encoded signals waiting for one member. The first signal into an empty outbox starts a
   * virtual thread that first lets the threads ready to run go ahead (so that the signals they send
   * join this message), then publishes everything waiting, again until nothing waits.
   */
  private final class Outbox {

    /** The most signals in one message. */
    private static final int MOST = 256;

    private final ITopic<byte[]> topic;
    private final ConcurrentLinkedQueue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean emptying = new AtomicBoolean();

    Outbox(UUID member) {
      this.topic = topicOf(member);
    }

    void offer(byte[] signal) {
      waiting.add(signal);
      if (emptying.compareAndSet(false, true)) {
        Thread.startVirtualThread(this::empty);
      }
    }

    private void empty() {
      Thread.yield();
      while (true) {
        List<byte[]> message = new ArrayList<>();
        byte[] next;
        while (message.size() < MOST && (next = waiting.poll()) != null) {
          message.add(next);
        }
        if (!message.isEmpty()) {
          publish(message);
        }
        if (!waiting.isEmpty()) {
          continue;
        }
        emptying.set(false);
        // a signal that came after the look above and before the flag fell is ours to send
        if (waiting.isEmpty() || !emptying.compareAndSet(false, true)) {
          return;
        }
      }
    }

    private void publish(List<byte[]> message) {
      try {
        topic.publish(Signals.frame(message));
      } catch (RuntimeException e) {
        // this node is shutting down, or the member is gone: its departure ends what it had
        LOG.warn("Could not send {} signal(s) to another node: {}", message.size(), e.toString());
      }
    }
  }
}
