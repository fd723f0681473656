package org.openucwa.web.people;

import java.util.List;
import java.util.Objects;
import org.openucwa.directory.User;
import org.openucwa.people.ContactSearch;
import org.openucwa.people.Presence;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Builds the resources of the people family as ReceiveAnIM.md (step 5), contact_ref.md,
 * search_ref.md, presence_ref.md and contactPresence_ref.md show them: a contact carries the
 * directory fields the user has, its {@code etag}, and links only to what this server implements
 * (contactPhoto, contactPresence).
 */
public final class PeopleAssembler {

  /** SourceNetwork_ref.md: every user of the directory is of the signed-in user's enterprise. */
  private static final String SAME_ENTERPRISE = "SameEnterprise";

  /** ContactType_ref.md: the directory holds people only. */
  private static final String USER = "User";

  public Resource contact(String appId, User u) {
    return Resource.builder("contact", Paths.contact(appId, u.uri()))
        .property("uri", u.uri())
        .property("name", u.name())
        .property("sourceNetwork", SAME_ENTERPRISE)
        .property("type", USER)
        .property("emailAddresses", u.emailAddresses().isEmpty() ? null : u.emailAddresses())
        .property("title", u.title().orElse(null))
        .property("department", u.department().orElse(null))
        .property("company", u.company().orElse(null))
        .property("office", u.office().orElse(null))
        .property("workPhoneNumber", u.workPhoneNumber().orElse(null))
        .property("otherPhoneNumber", u.otherPhoneNumber().orElse(null))
        .property("mobilePhoneNumber", u.mobilePhoneNumber().orElse(null))
        .property("homePhoneNumber", u.homePhoneNumber().orElse(null))
        .property("etag", etag(u))
        .link("contactPhoto", Paths.contactPhoto(appId, u.uri()))
        .link("contactPresence", Paths.contactPresence(appId, u.uri()))
        .build();
  }

  /** A decimal entity tag, as in ReceiveAnIM.md, that changes with any field a client sees. */
  public String etag(User u) {
    return Integer.toUnsignedString(
        Objects.hash(
            u.uri(),
            u.name(),
            u.emailAddresses(),
            u.title(),
            u.department(),
            u.company(),
            u.office(),
            u.workPhoneNumber(),
            u.otherPhoneNumber(),
            u.mobilePhoneNumber(),
            u.homePhoneNumber()));
  }

  public Resource myContacts(String appId, List<User> contacts) {
    return Resource.builder("myContacts", Paths.myContacts(appId))
        .embedAll("contact", contacts.stream().map(c -> contact(appId, c)).toList())
        .build();
  }

  public Resource search(String appId, String selfHref, ContactSearch.Result result) {
    Resource.Builder b =
        Resource.builder("search", selfHref)
            .property("moreResultsAvailable", result.moreResultsAvailable());
    // An empty result has no _embedded at all, as a Skype for Business server answers it.
    if (!result.contacts().isEmpty()) {
      b.embedAll("contact", result.contacts().stream().map(c -> contact(appId, c)).toList());
    }
    return b.build();
  }

  /** The signed-in user's presence: presence_ref.md has no lastActive. */
  public Resource presence(String appId, Presence p) {
    return Resource.builder("presence", Paths.presence(appId))
        .property("availability", p.availability())
        .property("activity", p.activity())
        .build();
  }

  public Resource contactPresence(String appId, User contact, Presence p) {
    return Resource.builder("contactPresence", Paths.contactPresence(appId, contact.uri()))
        .property("availability", p.availability())
        .property("activity", p.activity())
        .property("lastActive", p.lastActive().orElse(null))
        .build();
  }
}
