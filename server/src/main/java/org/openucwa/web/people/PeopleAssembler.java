package org.openucwa.web.people;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openucwa.application.Modality;
import org.openucwa.directory.User;
import org.openucwa.people.ContactAvailability;
import org.openucwa.people.ContactSearch;
import org.openucwa.people.Note;
import org.openucwa.people.Phone;
import org.openucwa.people.PhoneType;
import org.openucwa.people.Presence;
import org.openucwa.people.Profile;
import org.openucwa.people.ProfileDirectory;
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

  private final ProfileDirectory profiles;

  public PeopleAssembler(ProfileDirectory profiles) {
    this.profiles = profiles;
  }

  public Resource contact(String appId, User u) {
    Profile p = profiles.profileOf(u.uri());
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
        .property("workPhoneNumber", shown(p, PhoneType.Work))
        .property("otherPhoneNumber", shown(p, PhoneType.Other))
        .property("mobilePhoneNumber", shown(p, PhoneType.Mobile))
        .property("homePhoneNumber", shown(p, PhoneType.Home))
        .property("etag", etag(u, p))
        .link("contactPhoto", Paths.contactPhoto(appId, u.uri()))
        .link("contactPresence", Paths.contactPresence(appId, u.uri()))
        .link("contactLocation", Paths.contactLocation(appId, u.uri()))
        .link("contactNote", Paths.contactNote(appId, u.uri()))
        .link("contactSupportedModalities", Paths.contactSupportedModalities(appId, u.uri()))
        .build();
  }

  /** A decimal entity tag, as in ReceiveAnIM.md, that changes with any field a client sees. */
  public String etag(User u) {
    return etag(u, profiles.profileOf(u.uri()));
  }

  private static String shown(Profile p, PhoneType type) {
    return p.phone(type).shown().orElse(null);
  }

  private static String etag(User u, Profile p) {
    return Integer.toUnsignedString(
        Objects.hash(
            u.uri(),
            u.name(),
            u.emailAddresses(),
            u.title(),
            u.department(),
            u.company(),
            u.office(),
            p.phone(PhoneType.Work).shown(),
            p.phone(PhoneType.Other).shown(),
            p.phone(PhoneType.Mobile).shown(),
            p.phone(PhoneType.Home).shown()));
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
        .property("deviceType", deviceType(p))
        .property("lastActive", p.lastActive().orElse(null))
        .build();
  }

  /**
   * ContactDeviceType_ref.md: every application of this server is a browser application (type
   * Browser on the application), so a user with one available is on the Web; Unknown otherwise.
   */
  private static String deviceType(Presence p) {
    return p.availability() == ContactAvailability.Offline ? "Unknown" : "Web";
  }

  public Resource contactSupportedModalities(
      String appId, User contact, List<Modality> modalities) {
    return Resource.builder(
            "contactSupportedModalities", Paths.contactSupportedModalities(appId, contact.uri()))
        .property("modalities", modalities)
        .build();
  }

  /** note_ref.md: the message (left out when there is none) and its type. */
  public Resource note(String appId, Note n) {
    return Resource.builder("note", Paths.note(appId))
        .property("message", n.message().orElse(null))
        .property("type", n.type())
        .build();
  }

  public Resource contactNote(String appId, User contact, Note n) {
    return Resource.builder("contactNote", Paths.contactNote(appId, contact.uri()))
        .property("message", n.message().orElse(null))
        .property("type", n.type())
        .build();
  }

  public Resource location(String appId, Optional<String> location) {
    return Resource.builder("location", Paths.location(appId))
        .property("location", location.orElse(null))
        .build();
  }

  public Resource contactLocation(String appId, User contact, Optional<String> location) {
    return Resource.builder("contactLocation", Paths.contactLocation(appId, contact.uri()))
        .property("location", location.orElse(null))
        .build();
  }

  /** phones_ref.md: the user's phones embedded, one per type. */
  public Resource phones(String appId, Profile p) {
    return Resource.builder("phones", Paths.phones(appId))
        .embedAll("phone", p.phoneList().stream().map(ph -> phone(appId, ph)).toList())
        .build();
  }

  /** phone_ref.md: changeNumber only for a number the user may change (MeDashboard.md). */
  public Resource phone(String appId, Phone ph) {
    String type = ph.type().segment();
    Resource.Builder b =
        Resource.builder("phone", Paths.phone(appId, type))
            .property("includeInContactCard", ph.includeInContactCard())
            .property("number", ph.number().orElse(null))
            .property("type", ph.type());
    if (ph.changeable()) {
      b.link("changeNumber", Paths.changeNumber(appId, type));
    }
    return b.link("changeVisibility", Paths.changeVisibility(appId, type)).build();
  }
}
