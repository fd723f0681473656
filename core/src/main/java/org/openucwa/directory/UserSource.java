package org.openucwa.directory;

import java.util.List;
import java.util.Optional;

/**
 * A directory server the {@link Directory} reads through, so that users added, changed or removed
 * there show without a restart. Implementations keep their own bounded cache (entries refreshed
 * after a time to live) and answer from what they read at start when the server cannot be reached.
 * Thread-safe.
 */
public interface UserSource {

  /** The user with this SIP URI ({@code sip:alice@contoso.com}), if the directory has one. */
  Optional<User> user(String uri);

  /**
   * The user who signs in as {@code name}: {@code DOMAIN\account} (the Windows sign-in name) or a
   * user principal name ({@code alice@corp.contoso.com}) that is not their SIP address.
   */
  Optional<User> signInName(String name);

  /**
   * Users whose name, SIP address, mail, account or phone contains {@code needle} (lower case), at
   * most {@code limit}.
   */
  List<User> search(String needle, int limit);

  /**
   * The distribution group {@code address} names (its SIP address, {@code name@domain} or e-mail
   * address), with its members who are users, if the directory has one.
   */
  default Optional<DistributionGroup> distributionGroup(String address) {
    return Optional.empty();
  }

  /**
   * The distribution groups the user with this SIP URI is a member of, in the directory's order.
   */
  default List<DistributionGroup> distributionGroupsOf(String uri) {
    return List.of();
  }
}
