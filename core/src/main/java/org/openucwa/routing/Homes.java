package org.openucwa.routing;

import java.util.Optional;

/**
 * Which node each user is homed on. A single node is every user's home; in a cluster the home of a
 * user is chosen by the distributed engine, and the other nodes send the user's client there.
 */
public interface Homes {

  /** Every user homed on this node. */
  Homes SINGLE_NODE = userUri -> Optional.empty();

  /**
   * The public base URL ({@code scheme://host[:port]}) of the user's home node when that is another
   * node; empty when the user is homed here.
   *
   * @throws HomeUnknownException when the home node is not known right now (a cluster migrating)
   */
  Optional<String> elsewhere(String userUri);

  /** The user's home is not known at the moment; the client should try again shortly. */
  final class HomeUnknownException extends RuntimeException {
    public HomeUnknownException(String message) {
      super(message, null, false, false);
    }
  }
}
