package org.openucwa.web.application;

import java.util.List;
import java.util.function.Function;
import org.openucwa.application.Application;
import org.openucwa.application.Communication;
import org.openucwa.directory.Guests;
import org.openucwa.directory.User;
import org.openucwa.people.PhoneType;
import org.openucwa.people.Profile;
import org.openucwa.people.ProfileDirectory;
import org.openucwa.resource.Resource;
import org.openucwa.web.Paths;

/**
 * Builds the application resource and the four it embeds (me, people, onlineMeetings,
 * communication), plus policies, as CreateAnApplication.md and their reference pages show them.
 * Links appear only for what this server implements and only while the action is possible
 * (makeMeAvailable until the application is available, presence and reportMyActivity after, as
 * MeDashboard.md says).
 */
public final class ApplicationAssembler {

  private final PolicySet policies;
  private final ProfileDirectory profiles;
  private final Function<String, String> assignedMeetingId;
  private final boolean dialIn;

  /**
   * @param assignedMeetingId the onlineMeetingId of a user's assigned meeting, by user URI
   */
  public ApplicationAssembler(
      PolicySet policies, ProfileDirectory profiles, Function<String, String> assignedMeetingId) {
    this(policies, profiles, assignedMeetingId, false);
  }

  /**
   * @param dialIn whether dial-in regions are configured, so that onlineMeetings links
   *     phoneDialInInformation
   */
  public ApplicationAssembler(
      PolicySet policies,
      ProfileDirectory profiles,
      Function<String, String> assignedMeetingId,
      boolean dialIn) {
    this.policies = policies;
    this.profiles = profiles;
    this.assignedMeetingId = assignedMeetingId;
    this.dialIn = dialIn;
  }

  public Resource application(Application app) {
    String id = app.id();
    if (Guests.isGuest(app.user().uri())) {
      return guestApplication(app);
    }
    return Resource.builder("application", Paths.application(id))
        .property("culture", app.spec().culture())
        .property("userAgent", app.spec().userAgent())
        .property("endpointId", app.spec().endpointId())
        .property("instanceId", app.spec().instanceId().orElse(null))
        .property("type", "Browser")
        .property("id", id)
        .link("policies", Paths.policies(id))
        .link("batch", Paths.batch(id))
        .link("events", app.events().firstHref())
        .embed("me", me(app))
        .embed("people", people(app))
        .embed("onlineMeetings", onlineMeetings(app))
        .embed("communication", communication(app))
        .build();
  }

  /**
   * An anonymous guest's application, as anonApplications_ref.md's sample shows it: no me, people
   * or onlineMeetings (a guest has none of them), and a communication that only joins the guest's
   * meeting and lists its conversation.
   */
  private Resource guestApplication(Application app) {
    String id = app.id();
    return Resource.builder("application", Paths.application(id))
        .property("culture", app.spec().culture())
        .property("userAgent", app.spec().userAgent())
        .property("endpointId", app.spec().endpointId())
        .property("instanceId", app.spec().instanceId().orElse(null))
        .property("type", "Browser")
        .property("id", id)
        .link("policies", Paths.policies(id))
        .link("batch", Paths.batch(id))
        .link("events", app.events().firstHref())
        .embed("communication", communication(app))
        .build();
  }

  /**
   * The applications collection as applications2_ref.md shows it: each application embedded under
   * the repeatable rel {@code application}; with none, no {@code _embedded} at all.
   */
  public Resource applications(List<Application> apps) {
    Resource.Builder b = Resource.builder("applications", Paths.APPLICATIONS);
    if (!apps.isEmpty()) {
      b.embedAll("application", apps.stream().map(this::application).toList());
    }
    return b.build();
  }

  public Resource me(Application app) {
    User u = app.user();
    String id = app.id();
    Profile profile = profiles.profileOf(u.uri());
    Resource.Builder b =
        Resource.builder("me", Paths.me(id))
            .property("name", u.name())
            .property("uri", u.uri())
            .property("title", u.title().orElse(null))
            .property("department", u.department().orElse(null))
            .property("company", u.company().orElse(null))
            .property("officeLocation", u.office().orElse(null))
            .property("workPhoneNumber", number(profile, PhoneType.Work))
            .property("otherPhoneNumber", number(profile, PhoneType.Other))
            .property("mobilePhoneNumber", number(profile, PhoneType.Mobile))
            .property("homePhoneNumber", number(profile, PhoneType.Home))
            .property("emailAddresses", u.emailAddresses().isEmpty() ? null : u.emailAddresses());
    if (app.isAvailable()) {
      b.property("endpointUri", u.uri() + ";opaque=user:epid:" + id + ";gruu");
      b.link("presence", Paths.presence(id));
      b.link("note", Paths.note(id));
      b.link("location", Paths.location(id));
      b.link("reportMyActivity", Paths.reportMyActivity(id));
    } else {
      b.link("makeMeAvailable", Paths.makeMeAvailable(id));
    }
    b.link("phones", Paths.phones(id));
    b.link("photo", Paths.photo(id));
    return b.build();
  }

  private static String number(Profile profile, PhoneType type) {
    return profile.phone(type).number().orElse(null);
  }

  public Resource people(Application app) {
    return Resource.builder("people", Paths.people(app.id()))
        .link("myContacts", Paths.myContacts(app.id()))
        .link("search", Paths.search(app.id()))
        .link("presenceSubscriptions", Paths.presenceSubscriptions(app.id()))
        .link("subscribedContacts", Paths.subscribedContacts(app.id()))
        .link("myPrivacyRelationships", Paths.myPrivacyRelationships(app.id()))
        // as web.people.GroupPaths makes them (decision 0051)
        .link("myGroups", Paths.people(app.id()) + "/groups")
        .link("myGroupMemberships", Paths.people(app.id()) + "/groupMemberships")
        .link(
            "myContactsAndGroupsSubscription",
            Paths.people(app.id()) + "/myContactsAndGroupsSubscription")
        .build();
  }

  public Resource onlineMeetings(Application app) {
    String id = app.id();
    Resource.Builder b = Resource.builder("onlineMeetings", Paths.onlineMeetings(id));
    if (dialIn) {
      b.link("phoneDialInInformation", Paths.onlineMeetings(id) + "/phoneDialInInformation");
    }
    return b.link("myOnlineMeetings", Paths.myOnlineMeetings(id))
        .link(
            "myAssignedOnlineMeeting",
            Paths.myOnlineMeeting(id, assignedMeetingId.apply(app.user().uri())))
        .link("onlineMeetingDefaultValues", Paths.onlineMeetingDefaultValues(id))
        .link("onlineMeetingEligibleValues", Paths.onlineMeetingEligibleValues(id))
        .link(
            "onlineMeetingInvitationCustomization",
            Paths.onlineMeetings(id) + "/onlineMeetingInvitationCustomization")
        .link("onlineMeetingPolicies", Paths.onlineMeetingPolicies(id))
        .build();
  }

  public Resource communication(Application app) {
    Communication c = app.communication();
    Resource.Builder b =
        Resource.builder("communication", Paths.communication(app.id()))
            .property(app.putKey(), Application.PUT_TOKEN_VALUE)
            .property("supportedModalities", c.supportedModalities())
            .property("supportedMessageFormats", c.supportedMessageFormats())
            .property("audioPreference", c.audioPreference().orElse(null))
            .property("phoneNumber", c.phoneNumber().orElse(null))
            .property("publishEndpointLocation", c.publishEndpointLocation())
            .property(
                "conversationHistory", app.user().conversationHistory() ? "Enabled" : "Disabled")
            .property("etag", app.communicationEtag())
            .link("conversations", Paths.conversations(app.id()) + "?filter=active");
    if (Guests.isGuest(app.user().uri())) {
      return b.link(
              "joinOnlineMeeting", Paths.communication(app.id()) + "/onlineMeetingInvitations")
          .build();
    }
    b.link("startMessaging", Paths.messagingInvitations(app.id()))
        .link("startOnlineMeeting", Paths.communication(app.id()) + "/startOnlineMeeting")
        .link("joinOnlineMeeting", Paths.communication(app.id()) + "/onlineMeetingInvitations");
    if (app.user().conversationHistory()) {
      b.link("conversationLogs", Paths.communication(app.id()) + "/conversationLogs");
      b.link("missedItems", Paths.communication(app.id()) + "/missedItems");
    }
    return b.build();
  }

  public Resource policies(Application app) {
    Resource.Builder b = Resource.builder("policies", Paths.policies(app.id()));
    policies.values().forEach(b::property);
    return b.build();
  }
}
