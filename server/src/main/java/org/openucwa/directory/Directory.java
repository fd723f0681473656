package org.openucwa.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The users of the one SIP domain this server serves, and who is in whose contact list. Built once
 * at start-up (from a {@link UsersFile} or as a {@link DemoDirectory}) and never changed after, so
 * lookups need no locking.
 *
 * <p>Immutable and thread-safe.
 */
public final class Directory {

  private static final String SIP = "sip:";

  private final String domain;
  private final List<User> users;
  private final Map<String, User> byUri;

  /**
   * @throws IllegalArgumentException if a user is outside {@code domain}, two users share a uri, or
   *     a contact list names someone who is not a user
   */
  public Directory(String domain, List<User> users) {
    this.domain =
        SipUris.normalizeDomain(Objects.requireNonNull(domain, "domain"))
            .orElseThrow(() -> new IllegalArgumentException("not a domain name: " + domain));
    this.users = List.copyOf(users);
    this.byUri = new HashMap<>();
    for (User user : this.users) {
      if (!user.domain().equals(this.domain)) {
        throw new IllegalArgumentException(user.uri() + " is not in the domain " + this.domain);
      }
      if (byUri.putIfAbsent(user.uri(), user) != null) {
        throw new IllegalArgumentException(user.uri() + " appears twice");
      }
    }
    for (User user : this.users) {
      for (String contact : user.contacts()) {
        if (!byUri.containsKey(contact)) {
          throw new IllegalArgumentException(
              "the contact " + contact + " of " + user.uri() + " is not a user");
        }
      }
    }
  }

  /** The SIP domain, lower-cased, such as {@code contoso.com}. */
  public String domain() {
    return domain;
  }

  /** Every user, in the order of the users file. */
  public List<User> users() {
    return users;
  }

  /**
   * The user named by {@code who}, in any case: {@code sip:alice@contoso.com}, {@code
   * alice@contoso.com}, or a bare {@code alice} taken to be in this directory's domain.
   */
  public Optional<User> find(String who) {
    String text = who.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith(SIP)) {
      text = text.substring(SIP.length());
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String address = text.contains("@") ? text : text + "@" + domain;
    return Optional.ofNullable(byUri.get(SIP + address));
  }

  /**
   * The users in {@code user}'s contact list, in its order; when that list is empty, every other
   * user of the directory, in file order.
   */
  public List<User> contactsOf(User user) {
    if (user.contacts().isEmpty()) {
      return users.stream().filter(other -> !other.uri().equals(user.uri())).toList();
    }
    return user.contacts().stream().map(byUri::get).filter(Objects::nonNull).toList();
  }

  @Override
  public String toString() {
    return "Directory[" + domain + ", " + users.size() + " users]";
  }
}
