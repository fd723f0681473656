package org.openucwa.web.meeting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openucwa.application.Application;
import org.openucwa.conversation.AccessLevel;
import org.openucwa.error.UcwaException;
import org.openucwa.meeting.AutomaticLeaderAssignment;
import org.openucwa.meeting.EntryExitAnnouncement;
import org.openucwa.meeting.LobbyBypassForPhoneUsers;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.meeting.MeetingRequest;
import org.openucwa.meeting.MeetingScheduler;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.meeting.PhoneUserAdmission;
import org.openucwa.resource.Input;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Params;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * Scheduled meetings: myOnlineMeetings (list, POST), each myOnlineMeeting (GET, conditional PUT,
 * DELETE), and the organizer's default values, eligible values and policies.
 */
public final class MeetingEndpoints {

  private static final String HUB = Paths.APPLICATIONS + "/{app}/onlineMeetings";
  private static final Pattern JSON_DATE = Pattern.compile("\\\\?/Date\\((-?\\d+)[^)]*\\)\\\\?/");

  private final ApplicationEndpoints applications;
  private final MeetingScheduler scheduler;
  private final MeetingAssembler assembler;
  private final MeetingCustomization customization;

  public MeetingEndpoints(
      ApplicationEndpoints applications, MeetingScheduler scheduler, MeetingAssembler assembler) {
    this(applications, scheduler, assembler, MeetingCustomization.NONE);
  }

  public MeetingEndpoints(
      ApplicationEndpoints applications,
      MeetingScheduler scheduler,
      MeetingAssembler assembler,
      MeetingCustomization customization) {
    this.applications = applications;
    this.scheduler = scheduler;
    this.assembler = assembler;
    this.customization = customization;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            HUB + "/myOnlineMeetings",
            "myOnlineMeetings",
            true,
            Map.of("GET", this::list, "POST", this::schedule)),
        new Endpoint(
            HUB + "/myOnlineMeetings/{meeting}",
            "myOnlineMeeting",
            true,
            Map.of("GET", this::get, "PUT", this::update, "DELETE", this::delete)),
        new Endpoint(
            HUB + "/myOnlineMeetings/{meeting}/onlineMeetingExtensions",
            "onlineMeetingExtensions",
            true,
            Map.of("GET", this::extensions)),
        new Endpoint(
            HUB + "/defaultValues",
            "onlineMeetingDefaultValues",
            true,
            Map.of("GET", x -> Reply.ok(assembler.defaultValues(app(x).id(), scheduler.policy())))),
        new Endpoint(
            HUB + "/eligibleValues",
            "onlineMeetingEligibleValues",
            true,
            Map.of("GET", this::eligibleValues)),
        new Endpoint(
            HUB + "/onlineMeetingInvitationCustomization",
            "onlineMeetingInvitationCustomization",
            true,
            Map.of(
                "GET",
                x -> Reply.ok(assembler.invitationCustomization(app(x).id(), customization)))),
        new Endpoint(
            HUB + "/policies",
            "onlineMeetingPolicies",
            true,
            Map.of("GET", x -> Reply.ok(assembler.policies(app(x).id(), scheduler.policy())))));
  }

  private Application app(Exchange x) {
    return applications.app(x);
  }

  private Reply list(Exchange x) {
    Application app = app(x);
    return Reply.ok(
        assembler.myOnlineMeetings(app.id(), scheduler.meetingsOf(app.user().uri()), x::absolute));
  }

  private Reply schedule(Exchange x) {
    Application app = app(x);
    OnlineMeeting m = scheduler.schedule(app.user().uri(), request(x.input()));
    return new Reply.Created(
        Paths.myOnlineMeeting(app.id(), m.onlineMeetingId()),
        Optional.of(assembler.meeting(app.id(), m, x::absolute)),
        Map.of("ETag", m.etag()));
  }

  private Reply get(Exchange x) {
    Application app = app(x);
    OnlineMeeting m = scheduler.meeting(app.user().uri(), x.param("meeting"));
    return Reply.ok(assembler.meeting(app.id(), m, x::absolute), Map.of("ETag", m.etag()));
  }

  private Reply extensions(Exchange x) {
    Application app = app(x);
    OnlineMeeting m = scheduler.meeting(app.user().uri(), x.param("meeting"));
    return Reply.ok(
        MeetingAssembler.extensions(
            Paths.myOnlineMeeting(app.id(), m.onlineMeetingId()) + "/onlineMeetingExtensions"));
  }

  private Reply update(Exchange x) {
    Application app = app(x);
    MeetingRequest request = request(x.input());
    OnlineMeeting m =
        scheduler.update(
            app.user().uri(), x.param("meeting"), x.request().header("if-match"), request);
    return Reply.ok(assembler.meeting(app.id(), m, x::absolute), Map.of("ETag", m.etag()));
  }

  private Reply delete(Exchange x) {
    Application app = app(x);
    scheduler.delete(app.user().uri(), x.param("meeting"));
    return Reply.noContent();
  }

  private Reply eligibleValues(Exchange x) {
    Application app = app(x);
    return Reply.ok(
        assembler.eligibleValues(
            app.id(), scheduler.policy(), scheduler.assigned(app.user().uri()).onlineMeetingId()));
  }

  /** The body of a POST or PUT; lengths and lists are checked by the scheduler's policy. */
  static MeetingRequest request(Input in) {
    return new MeetingRequest(
        Params.optional(in, "subject", Integer.MAX_VALUE),
        Params.optional(in, "description", Integer.MAX_VALUE),
        in.list("attendees"),
        in.list("leaders"),
        Params.optionalEnum(in, "accessLevel", AccessLevel.class),
        Params.optionalEnum(in, "automaticLeaderAssignment", AutomaticLeaderAssignment.class),
        Params.optionalEnum(in, "entryExitAnnouncement", EntryExitAnnouncement.class),
        in.text("expirationTime")
            .filter(s -> !s.isBlank())
            .map(s -> instant("expirationTime", s.trim())),
        Params.optionalEnum(in, "lobbyBypassForPhoneUsers", LobbyBypassForPhoneUsers.class),
        Params.optionalEnum(in, "phoneUserAdmission", PhoneUserAdmission.class));
  }

  /** A date as JSON writes it ({@code /Date(ms)/}) or as XML does (ISO 8601 with an offset). */
  static Instant instant(String name, String s) {
    Matcher m = JSON_DATE.matcher(s);
    if (m.matches()) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
      } catch (NumberFormatException e) {
        throw UcwaException.invalidParameter(name, "the date is out of range");
      }
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException again) {
        throw UcwaException.invalidParameter(
            name, "expected /Date(milliseconds)/ or an ISO 8601 date and time with its offset");
      }
    }
  }
}
