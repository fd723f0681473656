package org.openucwa.web.people;

import java.util.ArrayList;
import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.directory.User;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactListChange;
import org.openucwa.people.ContactListEvents;
import org.openucwa.people.ContactsAndGroupsSubscription;
import org.openucwa.people.GroupKind;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * The resources of contact groups (myGroups_ref.md, group_ref.md, defaultGroup_ref.md,
 * pinnedGroup_ref.md, distributionGroup_ref.md, delegatesGroup_ref.md, delegatorsGroup_ref.md,
 * myOrganizationGroup_ref.md, groupContacts_ref.md, groupMemberships_ref.md,
 * myGroupMemberships_ref.md, myGroupMembership_ref.md, myContactsAndGroupsSubscription_ref.md) and
 * the events of the contacts-and-groups subscription, with the priorities the Events sections of
 * those pages give, all from sender people.
 */
public final class GroupAssembler implements ContactListEvents {

  private final PeopleAssembler people;

  public GroupAssembler(PeopleAssembler people) {
    this.people = people;
  }

  /** myGroups: a link per group (group and distributionGroup as arrays), embedded unless not. */
  public Resource myGroups(String appId, List<ContactGroup> groups, boolean expand) {
    Resource.Builder b =
        Resource.builder("myGroups", GroupPaths.myGroups(appId))
            .link("addToContactList", GroupPaths.addToContactList(appId));
    List<Link> personal = new ArrayList<>();
    List<Link> distribution = new ArrayList<>();
    List<Resource> personalEmbedded = new ArrayList<>();
    List<Resource> distributionEmbedded = new ArrayList<>();
    for (ContactGroup g : groups) {
      String href = GroupPaths.group(appId, g.id());
      switch (g.kind()) {
        case group -> {
          personal.add(Link.of("group", href));
          personalEmbedded.add(group(appId, g));
        }
        case distributionGroup -> {
          distribution.add(Link.of("distributionGroup", href));
          distributionEmbedded.add(group(appId, g));
        }
        default -> {
          b.link(g.kind().name(), href);
          if (expand) {
            b.embed(g.kind().name(), group(appId, g));
          }
        }
      }
    }
    b.links("group", personal).links("distributionGroup", distribution);
    if (expand) {
      b.embedAll("group", personalEmbedded).embedAll("distributionGroup", distributionEmbedded);
    }
    return b.build();
  }

  /** One group, as the page of its kind shows it. */
  public Resource group(String appId, ContactGroup g) {
    return groupBuilder(appId, g).build();
  }

  private Resource.Builder groupBuilder(String appId, ContactGroup g) {
    String id = g.id();
    Resource.Builder b =
        Resource.builder(g.kind().name(), GroupPaths.group(appId, id))
            .property("uri", g.uri().orElse(null))
            .property("id", id)
            .property("name", g.name());
    if (g.kind() == GroupKind.distributionGroup) {
      b.link("addToContactList", GroupPaths.addToContactList(appId))
          .link("expandDistributionGroup", GroupPaths.expandDistributionGroup(appId, id))
          .link("removeFromContactList", GroupPaths.removeFromContactList(appId));
    } else {
      b.link("groupContacts", GroupPaths.groupContacts(appId, id));
    }
    return b.link("subscribeToGroupPresence", GroupPaths.subscribeToGroupPresence(appId, id));
  }

  /** groupContacts_ref.md: the group's contacts, embedded (or only linked with expand=false). */
  public Resource groupContacts(
      String appId, String readerUri, ContactGroup g, List<User> members, boolean expand) {
    Resource.Builder b = Resource.builder("groupContacts", GroupPaths.groupContacts(appId, g.id()));
    if (expand) {
      b.embedAll(
          "contact", members.stream().map(c -> people.contact(appId, readerUri, c)).toList());
    } else {
      b.links(
          "contact",
          members.stream().map(c -> Link.of("contact", Paths.contact(appId, c.uri()))).toList());
    }
    return b.build();
  }

  /**
   * expandDistributionGroup_ref.md: the distribution group with its member contacts embedded, as
   * the page's sample shows it.
   */
  public Resource expanded(String appId, String readerUri, ContactGroup g, List<User> members) {
    return groupBuilder(appId, g)
        .embedAll(
            "contact", members.stream().map(c -> people.contact(appId, readerUri, c)).toList())
        .build();
  }

  /** myGroupMemberships (or a group's groupMemberships): one membership per group and contact. */
  public Resource memberships(String rel, String self, String appId, List<ContactGroup> groups) {
    Resource.Builder b = Resource.builder(rel, self);
    if (rel.equals("myGroupMemberships")) {
      b.link("removeContactFromAllGroups", GroupPaths.removeContactFromAllGroups(appId));
    }
    List<Resource> all = new ArrayList<>();
    for (ContactGroup g : groups) {
      for (String c : g.members()) {
        all.add(membership(appId, g, c));
      }
    }
    return b.embedAll("myGroupMembership", all).build();
  }

  /** myGroupMembership_ref.md: the contact and the group, each linked by its own rel. */
  public Resource membership(String appId, ContactGroup g, String contact) {
    return Resource.builder(
            "myGroupMembership", GroupPaths.myGroupMembership(appId, g.id(), contact))
        .link("contact", Paths.contact(appId, contact))
        .link(g.kind().name(), GroupPaths.group(appId, g.id()))
        .build();
  }

  public Resource subscription(String appId, ContactsAndGroupsSubscription s) {
    return Resource.builder(
            "myContactsAndGroupsSubscription", GroupPaths.myContactsAndGroupsSubscription(appId))
        .property("state", s.state())
        .link("startOrRefreshSubscriptionToContactsAndGroups", GroupPaths.startOrRefresh(appId))
        .link("stopSubscriptionToContactsAndGroups", GroupPaths.stop(appId))
        .build();
  }

  // ---- events ----------------------------------------------------------------------------------

  @Override
  public void changed(Application app, List<ContactListChange> changes) {
    String id = app.id();
    Link sender = Link.of("people", Paths.people(id));
    Link myGroups = Link.of("myGroups", GroupPaths.myGroups(id));
    Link myContacts = Link.of("myContacts", Paths.myContacts(id));
    for (ContactListChange change : changes) {
      ChannelEvent event =
          switch (change) {
            case ContactListChange.ContactAdded a ->
                new ChannelEvent(
                    Priority.High,
                    sender,
                    EventEntry.of(EventType.added, contactLink(id, a.contact()))
                        .withIn(myContacts));
            case ContactListChange.ContactDeleted d ->
                new ChannelEvent(
                    Priority.High,
                    sender,
                    EventEntry.of(EventType.deleted, contactLink(id, d.contact()))
                        .withIn(myContacts));
            case ContactListChange.GroupAdded a ->
                new ChannelEvent(
                    groupPriority(a.group().kind()),
                    sender,
                    EventEntry.of(EventType.added, groupLink(id, a.group())).withIn(myGroups));
            case ContactListChange.GroupUpdated u ->
                new ChannelEvent(
                    Priority.High,
                    sender,
                    EventEntry.of(EventType.updated, groupLink(id, u.group())).withIn(myGroups));
            case ContactListChange.GroupDeleted d ->
                new ChannelEvent(
                    groupPriority(d.group().kind()),
                    sender,
                    EventEntry.of(EventType.deleted, groupLink(id, d.group())).withIn(myGroups));
            case ContactListChange.MemberAdded a ->
                new ChannelEvent(
                    memberPriority(a.group().kind()),
                    sender,
                    EventEntry.of(EventType.added, contactLink(id, a.contact()))
                        .withIn(groupLink(id, a.group())));
            case ContactListChange.MemberDeleted d ->
                new ChannelEvent(
                    memberPriority(d.group().kind()),
                    sender,
                    EventEntry.of(EventType.deleted, contactLink(id, d.contact()))
                        .withIn(groupLink(id, d.group())));
          };
      app.events().publish(event);
    }
  }

  /** myContactsAndGroupsSubscription_ref.md's sample: the link only, nothing embedded. */
  @Override
  public void expiring(Application app, ContactsAndGroupsSubscription subscription) {
    String id = app.id();
    app.events()
        .publish(
            new ChannelEvent(
                Priority.Medium,
                Link.of("people", Paths.people(id)),
                EventEntry.of(
                    EventType.updated,
                    Link.of(
                        "myContactsAndGroupsSubscription",
                        GroupPaths.myContactsAndGroupsSubscription(id)))));
  }

  private static Link contactLink(String appId, String contact) {
    return Link.of("contact", Paths.contact(appId, contact));
  }

  private static Link groupLink(String appId, ContactGroup g) {
    return Link.of(g.kind().name(), GroupPaths.group(appId, g.id()));
  }

  /** myGroups_ref.md: the system groups are added and deleted at low priority, the rest high. */
  private static Priority groupPriority(GroupKind kind) {
    return switch (kind) {
      case defaultGroup, pinnedGroup, myOrganizationGroup -> Priority.Low;
      default -> Priority.High;
    };
  }

  /**
   * delegatesGroup_ref.md and delegatorsGroup_ref.md: their members come and go at low priority.
   */
  private static Priority memberPriority(GroupKind kind) {
    return switch (kind) {
      case delegatesGroup, delegatorsGroup -> Priority.Low;
      default -> Priority.High;
    };
  }
}
