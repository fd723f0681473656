package org.openucwa.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.topic.ITopic;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * one for a user homed elsewhere is encoded ({@link Signals}) and published on the home node's own
 * topic, whose listener hands it to that node's local router.
 *
 * <p>Order: Hazelcast delivers the messages one member publishes on one topic in the order they
 * were published, and the receiving local router keeps one ordered mailbox per recipient, so
 * signals to a recipient keep the order they were sent in. Publishing only queues the message for
 * the connection: the sender never waits for the recipient's node.
 */
public final class ClusterRouter implements Router {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterRouter.class);
  private static final String TOPIC_PREFIX = "ucwa-signals-";

  private final ClusterNode node;
  private final LocalRouter local;

  /** The member each user on another node was last known homed on, by user (lower case). */
  private final ConcurrentHashMap<String, UUID> homes = new ConcurrentHashMap<>();

  private volatile Consumer<Set<String>> onLost = lost -> {};

  public ClusterRouter(ClusterNode node, LocalRouter local) {
    this.node = node;
    this.local = local;
    ITopic<byte[]> mine = node.hazelcast().getTopic(TOPIC_PREFIX + node.localId());
    mine.addMessageListener(
        m -> {
          Signal s;
          try {
            s = Signals.decode(m.getMessageObject());
          } catch (RuntimeException e) {
            LOG.warn(
                "Dropped a malformed signal from {}: {}", m.getPublishingMember(), e.toString());
            return;
          }
          Member from = m.getPublishingMember();
          if (from != null) {
            remember(fromOf(s), from.getUuid());
          }
          local.send(s);
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
    remember(signal.to(), home.getUuid());
    topicOf(home.getUuid()).publish(Signals.encode(signal));
  }

  private ITopic<byte[]> topicOf(UUID member) {
    return node.hazelcast().getTopic(TOPIC_PREFIX + member);
  }
}
