package org.openucwa.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users of the one SIP domain this server serves, and who is in whose contact list. Built at
 * start-up (from a {@link UsersFile} or as a {@link DemoDirectory}); {@link #replaceWith} swaps in
 * a re-read users file as a whole, so a reader sees either the old users or the new ones, never a
 * mix.
 *
 * <p>Thread-safe: each snapshot is immutable and published through a volatile field; lookups take
 * no lock.
 */
public final class Directory {

  private static final String SIP = "sip:";

  /** One consistent set of users. */
  private record Snapshot(
      List<User> users, Map<String, User> byUri, List<DistributionGroup> distributionGroups) {}

  private final String domain;
  private volatile Snapshot snapshot;
  private volatile Optional<UserSource> source = Optional.empty();

  /**
   * @throws IllegalArgumentException if a user is outside {@code domain}, two users share a uri, or
   *     a contact list names someone who is not a user
   */
  public Directory(String domain, List<User> users) {
    this(domain, users, List.of());
  }

  /**
   * @throws IllegalArgumentException as {@link #Directory(String, List)}, and if a distribution
   *     group has a member who is not a user, or a user names a distribution group that does not
   *     exist
   */
  public Directory(String domain, List<User> users, List<DistributionGroup> distributionGroups) {
    this.domain =
        SipUris.normalizeDomain(Objects.requireNonNull(domain, "domain"))
            .orElseThrow(() -> new IllegalArgumentException("not a domain name: " + domain));
    this.snapshot = snapshot(this.domain, users, distributionGroups);
  }

  private static Snapshot snapshot(
      String domain, List<User> list, List<DistributionGroup> distributionGroups) {
    List<User> users = List.copyOf(list);
    Map<String, User> byUri = new HashMap<>();
    for (User user : users) {
      if (!user.domain().equals(domain)) {
        throw new IllegalArgumentException(user.uri() + " is not in the domain " + domain);
      }
      if (byUri.putIfAbsent(user.uri(), user) != null) {
        throw new IllegalArgumentException(user.uri() + " appears twice");
      }
    }
    List<DistributionGroup> groups = List.copyOf(distributionGroups);
    for (User user : users) {
      for (String contact : user.named()) {
        if (!byUri.containsKey(contact)) {
          throw new IllegalArgumentException(
              "the contact " + contact + " of " + user.uri() + " is not a user");
        }
      }
      for (String address : user.seed().distributionGroups()) {
        if (groups.stream().noneMatch(g -> g.isNamedBy(address))) {
          throw new IllegalArgumentException(
              "the distribution group " + address + " of " + user.uri() + " does not exist");
        }
      }
    }
    for (DistributionGroup group : groups) {
      if (byUri.containsKey(group.uri())) {
        throw new IllegalArgumentException(group.uri() + " is both a user and a group");
      }
      for (String member : group.members()) {
        if (!byUri.containsKey(member)) {
          throw new IllegalArgumentException(
              "the member " + member + " of " + group.uri() + " is not a user");
        }
      }
    }
    return new Snapshot(users, Map.copyOf(byUri), groups);
  }

  /**
   * Takes the users of {@code newer} (a re-read users file) in place of the current ones.
   *
   * @return the uris of the users who are no longer in the directory
   * @throws IllegalArgumentException if {@code newer} serves another domain
   */
  public Set<String> replaceWith(Directory newer) {
    if (!newer.domain.equals(domain)) {
      throw new IllegalArgumentException(
          "the domain cannot change from " + domain + " to " + newer.domain + " while running");
    }
    Snapshot next = newer.snapshot;
    Snapshot previous;
    synchronized (this) {
      previous = snapshot;
      snapshot = next;
    }
    Set<String> removed = new TreeSet<>(previous.byUri().keySet());
    removed.removeAll(next.byUri().keySet());
    return removed;
  }

  /**
   * From now on, {@link #find} reads users through {@code live} (a directory server with its own
   * cache) rather than only from the users given at start.
   */
  public void readThrough(UserSource live) {
    source = Optional.of(live);
  }

  /** The directory server this directory reads through, if any. */
  public Optional<UserSource> source() {
    return source;
  }

  /** The user with this SIP URI among the users given at start (or last reloaded), only. */
  public Optional<User> given(String uri) {
    return Optional.ofNullable(snapshot.byUri().get(uri.toLowerCase(Locale.ROOT)));
  }

  /** The SIP domain, lower-cased, such as {@code contoso.com}. */
  public String domain() {
    return domain;
  }

  /** Every user, in the order of the users file. */
  public List<User> users() {
    return snapshot.users();
  }

  /**
   * The user named by {@code who}, in any case: {@code sip:alice@contoso.com}, {@code
   * alice@contoso.com}, or a bare {@code alice} taken to be in this directory's domain; when the
   * directory reads through a directory server, also {@code DOMAIN\account} or a user principal
   * name, as Skype for Business clients sign in.
   */
  public Optional<User> find(String who) {
    String text = who.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith(SIP)) {
      text = text.substring(SIP.length());
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<UserSource> live = source;
    if (text.indexOf('\\') >= 0) {
      String name = text;
      return live.flatMap(s -> s.signInName(name));
    }
    String address = text.contains("@") ? text : text + "@" + domain;
    if (live.isEmpty()) {
      return Optional.ofNullable(snapshot.byUri().get(SIP + address));
    }
    Optional<User> user = live.get().user(SIP + address);
    return user.isPresent() || !text.contains("@") ? user : live.get().signInName(address);
  }

  /**
   * The users in {@code user}'s contact list, in its order; when that list is empty, every other
   * user of the directory, in file order.
   */
  public List<User> contactsOf(User user) {
    Snapshot s = snapshot;
    if (user.contacts().isEmpty()) {
      return s.users().stream().filter(other -> !other.uri().equals(user.uri())).toList();
    }
    return user.contacts().stream().map(s.byUri()::get).filter(Objects::nonNull).toList();
  }

  /** The distribution groups of the directory, in file order. */
  public List<DistributionGroup> distributionGroups() {
    return snapshot.distributionGroups();
  }

  /**
   * The distribution group {@code address} names: its SIP URI, user@domain or e-mail address; from
   * the users file, or else from the directory server this directory reads through.
   */
  public Optional<DistributionGroup> findDistributionGroup(String address) {
    Optional<DistributionGroup> given =
        snapshot.distributionGroups().stream().filter(g -> g.isNamedBy(address)).findFirst();
    return given.isPresent() ? given : source.flatMap(s -> s.distributionGroup(address));
  }

  /**
   * The distribution groups the directory server makes {@code user} a member of (empty without one:
   * the users file names the groups of each contact list instead).
   */
  public List<DistributionGroup> distributionGroupsOf(User user) {
    return source.map(s -> s.distributionGroupsOf(user.uri())).orElse(List.of());
  }

  /** The users who name {@code user} as one of their delegates (her delegatorsGroup). */
  public List<User> delegatorsOf(User user) {
    return snapshot.users().stream().filter(u -> u.delegates().contains(user.uri())).toList();
  }

  /**
   * myOrganizationGroup_ref.md: the user's manager, peers (the manager's other reports) and direct
   * reports, in file order after the manager.
   */
  public List<User> organizationOf(User user) {
    Snapshot s = snapshot;
    List<User> org = new java.util.ArrayList<>();
    user.manager().map(s.byUri()::get).ifPresent(org::add);
    for (User other : s.users()) {
      if (other.uri().equals(user.uri())) {
        continue;
      }
      boolean peer = user.manager().isPresent() && other.manager().equals(user.manager());
      boolean report = other.manager().equals(Optional.of(user.uri()));
      if (peer || report) {
        org.add(other);
      }
    }
    return org;
  }

  @Override
  public String toString() {
    return "Directory[" + domain + ", " + snapshot.users().size() + " users]";
  }
}
