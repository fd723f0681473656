package org.openucwa.web.people;

import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.people.PresenceSubscription;
import org.openucwa.people.SubscriptionChange;
import org.openucwa.people.SubscriptionEvents;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * The resources of presence subscriptions (presenceSubscription_ref.md,
 * presenceSubscriptionMembership(s)_ref.md, subscribedContacts_ref.md) and their events, as
 * SubscribeToThePresenceOfSelectedContacts.md shows them: all medium, from sender people; a contact
 * added to or deleted from subscribedContacts; presenceSubscription added and deleted, and updated
 * (with the subscription embedded) when it is about to expire; contactPresence, contactNote and
 * contactLocation updated "in" the contact.
 */
public final class SubscriptionAssembler implements SubscriptionEvents {

  public Resource subscription(String appId, PresenceSubscription s) {
    return Resource.builder("presenceSubscription", Paths.presenceSubscription(appId, s.id()))
        .property("id", s.id())
        .link("memberships", Paths.presenceSubscriptionMemberships(appId, s.id()))
        .link("addToPresenceSubscription", Paths.presenceSubscriptionMemberships(appId, s.id()))
        .build();
  }

  /** presenceSubscriptions_ref.md: every subscription of the application, embedded. */
  public Resource subscriptions(String appId, List<PresenceSubscription> all) {
    return Resource.builder("presenceSubscriptions", Paths.presenceSubscriptions(appId))
        .embedAll("presenceSubscription", all.stream().map(s -> subscription(appId, s)).toList())
        .build();
  }

  public Resource memberships(String appId, PresenceSubscription s) {
    return Resource.builder(
            "presenceSubscriptionMemberships", Paths.presenceSubscriptionMemberships(appId, s.id()))
        .embedAll(
            "presenceSubscriptionMembership",
            s.members().stream().map(c -> membership(appId, s, c)).toList())
        .build();
  }

  public Resource membership(String appId, PresenceSubscription s, String contact) {
    return Resource.builder(
            "presenceSubscriptionMembership",
            Paths.presenceSubscriptionMembership(appId, s.id(), contact))
        .link("contact", Paths.contact(appId, contact))
        .link("presenceSubscription", Paths.presenceSubscription(appId, s.id()))
        .build();
  }

  public Resource subscribedContacts(String appId, List<String> contacts) {
    return Resource.builder("subscribedContacts", Paths.subscribedContacts(appId))
        .links(
            "contact",
            contacts.stream().map(c -> Link.of("contact", Paths.contact(appId, c))).toList())
        .build();
  }

  @Override
  public void publish(Application app, List<SubscriptionChange> changes) {
    String id = app.id();
    Link people = Link.of("people", Paths.people(id));
    for (SubscriptionChange change : changes) {
      EventEntry entry =
          switch (change) {
            case SubscriptionChange.ContactAdded a ->
                EventEntry.of(EventType.added, Link.of("contact", Paths.contact(id, a.contact())))
                    .withIn(Link.of("subscribedContacts", Paths.subscribedContacts(id)));
            case SubscriptionChange.ContactRemoved r ->
                EventEntry.of(EventType.deleted, Link.of("contact", Paths.contact(id, r.contact())))
                    .withIn(Link.of("subscribedContacts", Paths.subscribedContacts(id)));
            case SubscriptionChange.SubscriptionAdded a ->
                EventEntry.of(
                    EventType.added,
                    Link.of(
                        "presenceSubscription",
                        Paths.presenceSubscription(id, a.subscription().id())));
            case SubscriptionChange.SubscriptionUpdated u ->
                EventEntry.embedding(
                    EventType.updated,
                    Link.of(
                        "presenceSubscription",
                        Paths.presenceSubscription(id, u.subscription().id())),
                    subscription(id, u.subscription()));
            case SubscriptionChange.SubscriptionDeleted d ->
                EventEntry.of(
                    EventType.deleted,
                    Link.of("presenceSubscription", Paths.presenceSubscription(id, d.id())));
            case SubscriptionChange.ContactUpdated u -> {
              String c = u.contact();
              Link link =
                  switch (u.aspect()) {
                    case Presence -> Link.of("contactPresence", Paths.contactPresence(id, c));
                    case Note -> Link.of("contactNote", Paths.contactNote(id, c));
                    case Location -> Link.of("contactLocation", Paths.contactLocation(id, c));
                    case Contact -> Link.of("contact", Paths.contact(id, c));
                  };
              EventEntry e = EventEntry.of(EventType.updated, link);
              yield link.rel().equals("contact")
                  ? e
                  : e.withIn(Link.of("contact", Paths.contact(id, c)));
            }
          };
      app.events().publish(new ChannelEvent(Priority.Medium, people, entry));
    }
  }
}
