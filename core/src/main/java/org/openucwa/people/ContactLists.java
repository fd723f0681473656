package org.openucwa.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.openucwa.directory.Directory;
import org.openucwa.directory.DistributionGroup;
import org.openucwa.directory.User;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.routing.Router;

/**
 * Each user's contact list and groups (myGroups_ref.md and the pages around it): the default group
 * "Other Contacts", the pinned "Favorites", personal groups, distribution groups added to the list,
 * and the groups the directory makes (delegates, delegators, the organization).
 *
 * <p>A list nobody has changed is made from the directory (the users file's {@code contacts:},
 * {@code groups:}, {@code favorites:} and {@code distributionGroups:}, and the distribution groups
 * a directory server makes the user a member of); the first change saves it in the {@link
 * ContactListStore}, which is read from then on, so that changes survive restarts. Every change is
 * checked whole before anything is saved: a refused change changes nothing. What changed goes to
 * the user's home as a {@link ContactListSignals.Changed} through the {@link Router}, from which
 * every application of the user hears it.
 *
 * <p>Thread-safe: changes to one user's list are serialized on a lock of that user; reads take the
 * latest saved list without locking.
 */
public final class ContactLists {

  /** group_ref.md: "The maximum length is 256 characters." */
  public static final int MAX_GROUP_NAME = 256;

  /** myGroupMemberships2_ref.md: "the maximum number of contacts limit (default is 250)". */
  public static final int DEFAULT_MAX_CONTACTS = 250;

  static final String DEFAULT_GROUP_NAME = "Other Contacts";
  static final String PINNED_GROUP_NAME = "Favorites";
  static final String DELEGATES_GROUP_NAME = "Delegates";
  static final String DELEGATORS_GROUP_NAME = "Delegators";
  static final String ORGANIZATION_GROUP_NAME = "My Organization";

  private final Directory directory;
  private final ContactListStore store;
  private final Router router;
  private final int maxContacts;
  private final Map<String, ContactList> saved = new ConcurrentHashMap<>();
  private final Set<String> unsaved = ConcurrentHashMap.newKeySet();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public ContactLists(Directory directory, ContactListStore store, Router router, int maxContacts) {
    this.directory = directory;
    this.store = store;
    this.router = router;
    this.maxContacts = maxContacts;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /**
   * Every group of the user's list, in myGroups order: the default group, the pinned group, the
   * personal groups and distribution groups as added, then delegates, delegators and the
   * organization where the directory gives them members.
   */
  public List<ContactGroup> groups(User user) {
    List<ContactGroup> all = new ArrayList<>();
    for (ContactGroup g : listOf(user).groups()) {
      if (g.kind() == GroupKind.distributionGroup) {
        Optional<DistributionGroup> dg = g.uri().flatMap(directory::findDistributionGroup);
        dg.ifPresent(d -> all.add(g.withMembers(d.members())));
      } else {
        all.add(g);
      }
    }
    derived(all, GroupKind.delegatesGroup, DELEGATES_GROUP_NAME, user.delegates());
    derived(
        all,
        GroupKind.delegatorsGroup,
        DELEGATORS_GROUP_NAME,
        directory.delegatorsOf(user).stream().map(User::uri).toList());
    derived(
        all,
        GroupKind.myOrganizationGroup,
        ORGANIZATION_GROUP_NAME,
        directory.organizationOf(user).stream().map(User::uri).toList());
    return all;
  }

  private static void derived(
      List<ContactGroup> all, GroupKind kind, String name, List<String> members) {
    if (!members.isEmpty()) {
      all.add(new ContactGroup(kind.name(), kind, name, Optional.empty(), members));
    }
  }

  /**
   * One group of the user's list.
   *
   * @throws UcwaException 404 ResourceNotFound if the list has no such group
   */
  public ContactGroup group(User user, String id) {
    return groups(user).stream()
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no group '" + id + "'."));
  }

  /** The contact list (myContacts): the members of the default, pinned and personal groups. */
  public List<User> contacts(User user) {
    return listed(listOf(user)).stream().map(directory::find).flatMap(Optional::stream).toList();
  }

  /** The groups whose members the user chose, holding {@code contactUri}. */
  public List<ContactGroup> groupsOf(User user, String contactUri) {
    return groups(user).stream().filter(g -> g.members().contains(contactUri)).toList();
  }

  private static Set<String> listed(ContactList list) {
    Set<String> all = new LinkedHashSet<>();
    list.groups().stream()
        .filter(g -> g.kind().userManaged())
        .forEach(g -> all.addAll(g.members()));
    return all;
  }

  private ContactList listOf(User user) {
    ContactList list = saved.get(user.uri());
    if (list != null) {
      return list;
    }
    if (!unsaved.contains(user.uri())) {
      Optional<ContactList> stored = store.load(user.uri());
      if (stored.isPresent()) {
        saved.putIfAbsent(user.uri(), stored.get());
        return stored.get();
      }
      unsaved.add(user.uri());
    }
    // made anew on each read until the first change, so that a reloaded users file shows
    return seeded(user);
  }

  /** The list the directory gives a user who never changed theirs. */
  private ContactList seeded(User user) {
    List<ContactGroup> groups = new ArrayList<>();
    Set<String> grouped = new LinkedHashSet<>();
    user.seed().groups().values().forEach(grouped::addAll);
    List<String> others =
        directory.contactsOf(user).stream()
            .map(User::uri)
            .filter(u -> !grouped.contains(u))
            .toList();
    groups.add(
        new ContactGroup(
            GroupKind.defaultGroup.name(),
            GroupKind.defaultGroup,
            DEFAULT_GROUP_NAME,
            Optional.empty(),
            others));
    groups.add(
        new ContactGroup(
            GroupKind.pinnedGroup.name(),
            GroupKind.pinnedGroup,
            PINNED_GROUP_NAME,
            Optional.empty(),
            user.seed().favorites()));
    long next = 1;
    for (Map.Entry<String, List<String>> e : user.seed().groups().entrySet()) {
      groups.add(
          new ContactGroup(
              Long.toString(next++), GroupKind.group, e.getKey(), Optional.empty(), e.getValue()));
    }
    List<DistributionGroup> distributionGroups = new ArrayList<>();
    for (String address : user.seed().distributionGroups()) {
      directory.findDistributionGroup(address).ifPresent(distributionGroups::add);
    }
    for (DistributionGroup dg : directory.distributionGroupsOf(user)) {
      if (distributionGroups.stream().noneMatch(d -> d.uri().equals(dg.uri()))) {
        distributionGroups.add(dg);
      }
    }
    for (DistributionGroup dg : distributionGroups) {
      groups.add(distributionGroup(Long.toString(next++), dg.name(), dg));
    }
    return new ContactList(groups, next);
  }

  private static ContactGroup distributionGroup(String id, String name, DistributionGroup dg) {
    return new ContactGroup(
        id, GroupKind.distributionGroup, name, Optional.of(dg.uri()), List.of());
  }

  // ---- changing --------------------------------------------------------------------------------

  /**
   * myGroups POST: a new personal group.
   *
   * @throws UcwaException 400 naming {@code displayName} if it is blank or too long, 409
   *     AlreadyExists if a group of that name exists
   */
  public ContactGroup createGroup(User user, String name) {
    String checked = checkedName("displayName", name);
    ContactGroup[] made = new ContactGroup[1];
    change(
        user,
        list -> {
          refuseTaken(list, checked, null);
          made[0] =
              new ContactGroup(
                  Long.toString(list.nextId()),
                  GroupKind.group,
                  checked,
                  Optional.empty(),
                  List.of());
          List<ContactGroup> groups = new ArrayList<>(list.groups());
          groups.add(made[0]);
          return new ContactList(groups, list.nextId() + 1);
        });
    return made[0];
  }

  /**
   * group2 PUT: renames a personal group.
   *
   * @throws UcwaException 404 for no such group, 403 OperationNotSupported for a group the user
   *     cannot rename, 400 naming {@code name}, 409 AlreadyExists
   */
  public ContactGroup renameGroup(User user, String id, String name) {
    return change(
            user,
            list -> {
              ContactGroup g = personal(list, id, "renamed");
              String checked = checkedName("name", name);
              refuseTaken(list, checked, id);
              return replacing(list, g.named(checked));
            })
        .groups()
        .stream()
        .filter(g -> g.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /**
   * group2 DELETE: removes a personal group; its members that no other group holds leave the
   * contact list.
   */
  public void deleteGroup(User user, String id) {
    change(
        user,
        list -> {
          personal(list, id, "deleted");
          return new ContactList(
              list.groups().stream().filter(g -> !g.id().equals(id)).toList(), list.nextId());
        });
  }

  /**
   * myGroupMemberships2 POST: adds a contact to a group (the default group when none is named).
   *
   * @return the group it was added to
   * @throws UcwaException 404 for an unknown contact or group, 403 OperationNotSupported for a
   *     group the directory makes, 409 AlreadyExists if the group holds the contact, 409
   *     LimitExceeded if the list would hold more contacts than the limit
   */
  public ContactGroup addMember(User user, Optional<String> groupId, String contact) {
    String uri = contactUri(user, contact);
    String id = groupId.orElse(GroupKind.defaultGroup.name());
    ContactList after =
        change(
            user,
            list -> {
              ContactGroup g = managed(user, list, id, "given members");
              if (g.members().contains(uri)) {
                throw UcwaException.conflict(
                    Subcode.AlreadyExists, uri + " is already in the group '" + g.name() + "'.");
              }
              Set<String> listed = listed(list);
              if (!listed.contains(uri) && listed.size() >= maxContacts) {
                throw UcwaException.conflict(
                    Subcode.LimitExceeded,
                    "A contact list holds at most " + maxContacts + " contacts.");
              }
              List<String> members = new ArrayList<>(g.members());
              members.add(uri);
              return replacing(list, g.withMembers(members));
            });
    return after.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  /**
   * myGroupMembership2 DELETE: removes a contact from one group.
   *
   * @throws UcwaException 404 if the group does not hold the contact
   */
  public void removeMember(User user, String groupId, String contact) {
    String uri = contactUri(user, contact);
    change(
        user,
        list -> {
          ContactGroup g = managed(user, list, groupId, "given members");
          if (!g.members().contains(uri)) {
            throw UcwaException.notFound(
                Subcode.ResourceNotFound, uri + " is not in the group '" + g.name() + "'.");
          }
          return replacing(
              list, g.withMembers(g.members().stream().filter(m -> !m.equals(uri)).toList()));
        });
  }

  /**
   * removeContactFromAllGroups: the contact leaves every group, and so the contact list.
   *
   * @throws UcwaException 404 for an unknown contact, or one the list does not hold
   */
  public void removeFromAllGroups(User user, String contact) {
    String uri = contactUri(user, contact);
    change(
        user,
        list -> {
          if (!listed(list).contains(uri)) {
            throw UcwaException.notFound(
                Subcode.ResourceNotFound, uri + " is not in the contact list.");
          }
          return new ContactList(
              list.groups().stream()
                  .map(
                      g ->
                          g.kind().userManaged()
                              ? g.withMembers(
                                  g.members().stream().filter(m -> !m.equals(uri)).toList())
                              : g)
                  .toList(),
              list.nextId());
        });
  }

  /**
   * addToContactList: puts a distribution group of the directory in the list under {@code
   * displayName}.
   *
   * @throws UcwaException 400 naming {@code displayName}, 404 if the directory has no such group,
   *     409 AlreadyExists if the list holds it
   */
  public ContactGroup addDistributionGroup(User user, String displayName, String address) {
    String name = checkedName("displayName", displayName);
    DistributionGroup dg =
        directory
            .findDistributionGroup(address)
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound,
                        "There is no distribution group '" + address + "' in the directory."));
    ContactGroup[] made = new ContactGroup[1];
    change(
        user,
        list -> {
          if (list.groups().stream().anyMatch(g -> g.uri().equals(Optional.of(dg.uri())))) {
            throw UcwaException.conflict(
                Subcode.AlreadyExists, dg.uri() + " is already in the contact list.");
          }
          made[0] = distributionGroup(Long.toString(list.nextId()), name, dg);
          List<ContactGroup> groups = new ArrayList<>(list.groups());
          groups.add(made[0]);
          return new ContactList(groups, list.nextId() + 1);
        });
    return made[0].withMembers(dg.members());
  }

  /**
   * removeFromContactList: takes a distribution group out of the list.
   *
   * @throws UcwaException 404 if the list holds no distribution group of that id
   */
  public void removeDistributionGroup(User user, String groupId) {
    change(
        user,
        list -> {
          boolean held =
              list.groups().stream()
                  .anyMatch(g -> g.id().equals(groupId) && g.kind() == GroupKind.distributionGroup);
          if (!held) {
            throw UcwaException.notFound(
                Subcode.ResourceNotFound,
                "There is no distribution group '" + groupId + "' in the contact list.");
          }
          return new ContactList(
              list.groups().stream().filter(g -> !g.id().equals(groupId)).toList(), list.nextId());
        });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Applies {@code op} to the user's list, saves the result and tells the user's home. */
  private ContactList change(User user, UnaryOperator<ContactList> op) {
    List<ContactListChange> changes;
    ContactList after;
    synchronized (locks.computeIfAbsent(user.uri(), k -> new Object())) {
      ContactList before = listOf(user);
      after = op.apply(before);
      store.save(user.uri(), after);
      saved.put(user.uri(), after);
      changes = diff(before, after);
    }
    if (!changes.isEmpty()) {
      router.send(new ContactListSignals.Changed(user.uri(), changes));
    }
    return after;
  }

  /** What turned {@code before} into {@code after}, in the order a client should hear it. */
  static List<ContactListChange> diff(ContactList before, ContactList after) {
    List<ContactListChange> changes = new ArrayList<>();
    Map<String, ContactGroup> old = byId(before);
    Map<String, ContactGroup> now = byId(after);
    Set<String> listedBefore = listed(before);
    Set<String> listedAfter = listed(after);
    for (String c : listedAfter) {
      if (!listedBefore.contains(c)) {
        changes.add(new ContactListChange.ContactAdded(c));
      }
    }
    for (ContactGroup g : after.groups()) {
      ContactGroup was = old.get(g.id());
      if (was == null) {
        changes.add(new ContactListChange.GroupAdded(g));
        g.members().forEach(m -> changes.add(new ContactListChange.MemberAdded(g, m)));
        continue;
      }
      if (!was.name().equals(g.name())) {
        changes.add(new ContactListChange.GroupUpdated(g));
      }
      for (String m : g.members()) {
        if (!was.members().contains(m)) {
          changes.add(new ContactListChange.MemberAdded(g, m));
        }
      }
      for (String m : was.members()) {
        if (!g.members().contains(m)) {
          changes.add(new ContactListChange.MemberDeleted(g, m));
        }
      }
    }
    for (ContactGroup g : before.groups()) {
      if (!now.containsKey(g.id())) {
        changes.add(new ContactListChange.GroupDeleted(g));
      }
    }
    for (String c : listedBefore) {
      if (!listedAfter.contains(c)) {
        changes.add(new ContactListChange.ContactDeleted(c));
      }
    }
    return changes;
  }

  private static Map<String, ContactGroup> byId(ContactList list) {
    Map<String, ContactGroup> m = new LinkedHashMap<>();
    list.groups().forEach(g -> m.put(g.id(), g));
    return m;
  }

  private static ContactList replacing(ContactList list, ContactGroup changed) {
    return new ContactList(
        list.groups().stream().map(g -> g.id().equals(changed.id()) ? changed : g).toList(),
        list.nextId());
  }

  private ContactGroup managed(User user, ContactList list, String id, String what) {
    Optional<ContactGroup> stored =
        list.groups().stream().filter(g -> g.id().equals(id)).findFirst();
    if (stored.isPresent() && stored.get().kind().userManaged()) {
      return stored.get();
    }
    ContactGroup g = stored.orElseGet(() -> group(user, id));
    throw new UcwaException(
        ErrorCode.Forbidden,
        Subcode.OperationNotSupported,
        "The " + g.kind() + " '" + g.name() + "' cannot be " + what + "; the directory keeps it.");
  }

  private static ContactGroup personal(ContactList list, String id, String what) {
    ContactGroup g =
        list.groups().stream()
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound, "There is no group '" + id + "'."));
    if (g.kind() != GroupKind.group) {
      throw new UcwaException(
          ErrorCode.Forbidden,
          Subcode.OperationNotSupported,
          "The " + g.kind() + " '" + g.name() + "' cannot be " + what + ".");
    }
    return g;
  }

  private static void refuseTaken(ContactList list, String name, String exceptId) {
    String folded = name.toLowerCase(Locale.ROOT);
    for (ContactGroup g : list.groups()) {
      if (g.kind() != GroupKind.distributionGroup
          && !g.id().equals(exceptId)
          && g.name().toLowerCase(Locale.ROOT).equals(folded)) {
        throw UcwaException.conflict(
            Subcode.AlreadyExists, "There is already a group named '" + g.name() + "'.");
      }
    }
  }

  private static String checkedName(String parameter, String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      throw UcwaException.invalidParameter(parameter, "it is required");
    }
    if (n.length() > MAX_GROUP_NAME) {
      throw UcwaException.invalidParameter(
          parameter, "a group name is at most " + MAX_GROUP_NAME + " characters");
    }
    return n;
  }

  private String contactUri(User user, String contact) {
    User c =
        directory
            .find(contact)
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound,
                        "There is no contact '" + contact + "' in the directory."));
    if (c.uri().equals(user.uri())) {
      throw UcwaException.invalidParameter("contactUri", "a user is not a contact of their own");
    }
    return c.uri();
  }
}
