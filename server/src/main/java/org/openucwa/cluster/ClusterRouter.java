package org.openucwa.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
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
          local.send(s);
        });
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
    topicOf(home.getUuid()).publish(Signals.encode(signal));
  }

  private ITopic<byte[]> topicOf(UUID member) {
    return node.hazelcast().getTopic(TOPIC_PREFIX + member);
  }
}
