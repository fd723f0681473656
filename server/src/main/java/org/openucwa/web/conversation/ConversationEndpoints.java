package org.openucwa.web.conversation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.openucwa.application.Application;
import org.openucwa.conversation.AccessLevel;
import org.openucwa.conversation.AudienceMessaging;
import org.openucwa.conversation.AudienceMuteLock;
import org.openucwa.conversation.Content;
import org.openucwa.conversation.Conversation;
import org.openucwa.conversation.ConversationService;
import org.openucwa.conversation.Importance;
import org.openucwa.conversation.Moderation;
import org.openucwa.conversation.Role;
import org.openucwa.conversation.StartMessaging;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.meeting.GuestMeetings;
import org.openucwa.resource.Input;
import org.openucwa.resource.Resource;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Params;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.meeting.JoinUrls;

/**
 * The conversation resources of an application: startMessaging and the messaging invitations
 * (accept, decline, cancel), the conversations, their participants and their messaging modality
 * (sendMessage, setIsTyping, stopMessaging, addMessaging).
 */
public final class ConversationEndpoints {

  private static final String APP = Paths.APPLICATIONS + "/{app}";
  private static final int MAX_DISPLAY_NAME = 256;
  private static final String COMM = APP + "/communication";
  private static final String INV = COMM + "/messagingInvitations/{inv}";
  private static final String CONV = COMM + "/conversations/{conv}";
  private static final String MSG = CONV + "/messaging";
  private static final String MEETING_INV = COMM + "/onlineMeetingInvitations/{inv}";
  private static final int MAX_SUBJECT = 250;
  private static final int MAX_OPERATION_ID = 50;
  private static final int MAX_URI = 256;

  private final ApplicationEndpoints applications;
  private final ConversationService service;
  private final ConversationAssembler assembler;
  private final int maxMessageLength;

  public ConversationEndpoints(
      ApplicationEndpoints applications,
      ConversationService service,
      ConversationAssembler assembler,
      int maxMessageLength) {
    this.applications = applications;
    this.service = service;
    this.assembler = assembler;
    this.maxMessageLength = maxMessageLength;
  }

  public List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    all.add(post(COMM + "/messagingInvitations", "startMessaging", this::startMessaging));
    for (String inv : List.of(INV, MEETING_INV)) {
      String rel = inv.equals(INV) ? "messagingInvitation" : "onlineMeetingInvitation";
      all.add(
          get(
              inv,
              rel,
              x -> read(x, a -> service.readInvitation(a, x.param("inv"), assembler::invitation))));
      all.add(post(inv + "/accept", "accept", act((a, x) -> service.accept(a, x.param("inv")))));
      all.add(post(inv + "/decline", "decline", this::decline));
      all.add(post(inv + "/cancel", "cancel", act((a, x) -> service.cancel(a, x.param("inv")))));
    }
    all.add(get(COMM + "/conversations", "conversations", this::conversations));
    all.add(get(CONV, "conversation", view(assembler::conversation)));
    all.add(get(CONV + "/participants", "participants", view(assembler::participants)));
    all.add(get(CONV + "/participants/{who}", "participant", this::participant));
    all.add(
        get(
            CONV + "/participants/{who}/messaging",
            "participantMessaging",
            this::participantMessaging));
    all.add(get(MSG, "messaging", view(assembler::messaging)));
    all.add(post(MSG + "/messages", "sendMessage", this::sendMessage));
    all.add(
        get(
            MSG + "/messages/{msg}",
            "message",
            x ->
                read(
                    x,
                    a ->
                        service.read(
                            a,
                            x.param("conv"),
                            c ->
                                assembler.message(
                                    c,
                                    c.message(x.param("msg"))
                                        .orElseThrow(
                                            () ->
                                                UcwaException.notFound(
                                                    Subcode.ResourceNotFound,
                                                    "The message does not exist.")))))));
    all.add(
        post(
            MSG + "/terminate",
            "stopMessaging",
            act((a, x) -> service.stopMessaging(a, x.param("conv")))));
    all.add(
        post(MSG + "/typing", "setIsTyping", act((a, x) -> service.setTyping(a, x.param("conv")))));
    all.add(
        get(
            MSG + "/typingParticipants",
            "typingParticipants",
            view(assembler::typingParticipants)));
    all.add(post(MSG + "/messagingInvitations", "addMessaging", this::addMessaging));
    all.add(post(CONV + "/participantInvitations", "addParticipant", this::addParticipant));
    all.add(
        get(
            COMM + "/participantInvitations/{pi}",
            "participantInvitation",
            x ->
                read(
                    x,
                    a ->
                        service.readParticipantInvitation(
                            a, x.param("pi"), assembler::participantInvitation))));
    all.add(
        post(
            COMM + "/participantInvitations/{pi}/cancel",
            "cancel",
            act((a, x) -> service.cancelParticipantInvitation(a, x.param("pi")))));
    all.add(
        get(
            CONV + "/leaders",
            "leaders",
            x ->
                read(
                    x,
                    a ->
                        service.read(
                            a,
                            x.param("conv"),
                            c ->
                                assembler.byRole(
                                    c, Role.Leader, "leaders", Paths.leaders(a.id(), c.id()))))));
    all.add(
        get(
            CONV + "/attendees",
            "attendees",
            x ->
                read(
                    x,
                    a ->
                        service.read(
                            a,
                            x.param("conv"),
                            c ->
                                assembler.byRole(
                                    c,
                                    Role.Attendee,
                                    "attendees",
                                    Paths.attendees(a.id(), c.id()))))));
    for (Moderation m : Moderation.values()) {
      String rel = m.name().toLowerCase(java.util.Locale.ROOT);
      all.add(post(CONV + "/participants/{who}/" + rel, rel, x -> moderate(x, m)));
    }
    all.add(get(CONV + "/lobby", "lobby", view(assembler::lobby)));
    all.add(
        post(
            MSG + "/enableAudienceMessaging",
            "enableAudienceMessaging",
            audience(Optional.of(AudienceMessaging.Enabled), Optional.empty())));
    all.add(
        post(
            MSG + "/disableAudienceMessaging",
            "disableAudienceMessaging",
            audience(Optional.of(AudienceMessaging.Disabled), Optional.empty())));
    all.add(
        post(
            CONV + "/enableAudienceMuteLock",
            "enableAudienceMuteLock",
            audience(Optional.empty(), Optional.of(AudienceMuteLock.Enabled))));
    all.add(
        post(
            CONV + "/disableAudienceMuteLock",
            "disableAudienceMuteLock",
            audience(Optional.empty(), Optional.of(AudienceMuteLock.Disabled))));
    all.add(
        get(
            CONV + "/onlineMeeting",
            "onlineMeeting",
            x ->
                read(
                    x,
                    a ->
                        service.read(
                            a, x.param("conv"), c -> assembler.onlineMeeting(c, x::absolute)))));
    all.add(
        get(
            CONV + "/onlineMeeting/onlineMeetingExtensions",
            "onlineMeetingExtensions",
            view(assembler::onlineMeetingExtensions)));
    all.add(post(COMM + "/startOnlineMeeting", "startOnlineMeeting", this::startOnlineMeeting));
    all.add(post(COMM + "/onlineMeetingInvitations", "joinOnlineMeeting", this::joinOnlineMeeting));
    return all;
  }

  private static Endpoint get(String template, String rel, Endpoint.Handler handler) {
    return new Endpoint(template, rel, true, Map.of("GET", handler));
  }

  private static Endpoint post(String template, String rel, Endpoint.Handler handler) {
    return new Endpoint(template, rel, true, Map.of("POST", handler));
  }

  /** A POST that acts on the caller's application and answers 204. */
  private Endpoint.Handler act(BiConsumer<Application, Exchange> action) {
    return x -> {
      action.accept(app(x), x);
      return Reply.noContent();
    };
  }

  /** A GET of a resource read from the caller's application. */
  private Reply read(Exchange x, Function<Application, Resource> reader) {
    return Reply.ok(reader.apply(app(x)));
  }

  /** A GET of one of the path's conversation's resources. */
  private Endpoint.Handler view(Function<Conversation, Resource> assemble) {
    return x -> read(x, a -> service.read(a, x.param("conv"), assemble));
  }

  private Reply moderate(Exchange x, Moderation what) {
    service.moderate(app(x), x.param("conv"), "sip:" + x.param("who"), what);
    return Reply.noContent();
  }

  private StartMessaging meeting(Input in) {
    return new StartMessaging(
        "",
        Params.optional(in, "subject", MAX_SUBJECT),
        Params.optionalEnum(in, "importance", Importance.class).orElse(Importance.Normal),
        Params.optional(in, "threadId", MAX_URI),
        Params.optional(in, "operationId", MAX_OPERATION_ID),
        Optional.empty());
  }

  private Reply startOnlineMeeting(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    String id =
        service.startOnlineMeeting(
            app,
            meeting(in),
            Params.optionalEnum(in, "accessLevel", AccessLevel.class)
                .orElse(AccessLevel.SameEnterprise));
    return Reply.created(Paths.onlineMeetingInvitation(app.id(), id));
  }

  private Endpoint.Handler audience(
      Optional<AudienceMessaging> messaging, Optional<AudienceMuteLock> muteLock) {
    return act((a, x) -> service.setAudience(a, x.param("conv"), messaging, muteLock));
  }

  private Reply joinOnlineMeeting(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    String given = Params.required(in, "onlineMeetingUri", 512);
    String uri =
        JoinUrls.isUrl(given)
            ? JoinUrls.meetingUri(given)
                .orElseThrow(
                    () ->
                        UcwaException.invalidParameter(
                            "onlineMeetingUri",
                            "a join URL must be of the form https://host/meet/user@domain/ID"))
            : given;
    if (x.principal().isGuest()) {
      if (!GuestMeetings.sameMeeting(uri, x.principal().meetingUri().get())) {
        throw UcwaException.forbidden(
            "The target conference URI does not match the conference URI provisioned in"
                + " anonymous web ticket.");
      }
      app.nameGuest(Params.required(in, "anonymousDisplayName", MAX_DISPLAY_NAME));
    }
    String id =
        uri.equalsIgnoreCase("adhoc")
            ? service.startOnlineMeeting(
                app,
                meeting(in),
                Params.optionalEnum(in, "accessLevel", AccessLevel.class)
                    .orElse(AccessLevel.SameEnterprise))
            : service.joinOnlineMeeting(app, uri, meeting(in));
    return Reply.created(Paths.onlineMeetingInvitation(app.id(), id));
  }

  private Reply addParticipant(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    String to = sipUri(in);
    String id =
        service.addParticipant(
            app, x.param("conv"), to, Params.optional(in, "operationId", MAX_OPERATION_ID));
    return Reply.created(Paths.participantInvitation(app.id(), id));
  }

  private static String sipUri(Input in) {
    String to = Params.required(in, "to", MAX_URI);
    if (!to.matches("(?i)sip:[^@\\s;]+@[^@\\s;]+")) {
      throw UcwaException.invalidParameter("to", "expected a SIP URI such as sip:bob@contoso.com");
    }
    return to;
  }

  private Application app(Exchange x) {
    return applications.app(x);
  }

  private Reply startMessaging(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    String to = sipUri(in);
    StartMessaging request =
        new StartMessaging(
            to,
            Params.optional(in, "subject", MAX_SUBJECT),
            Params.optionalEnum(in, "importance", Importance.class).orElse(Importance.Normal),
            Params.optional(in, "threadId", MAX_URI),
            Params.optional(in, "operationId", MAX_OPERATION_ID),
            firstMessage(in));
    String id = service.startMessaging(app, request);
    return Reply.created(Paths.messagingInvitation(app.id(), id));
  }

  /**
   * continueMessaging_ref.md: a messaging invitation to {@code to} on the thread of a logged
   * conversation, with the request's {@code operationId} and {@code message} as startMessaging
   * takes them.
   */
  public Reply continueMessaging(
      Exchange x, Application app, String to, String subject, String threadId) {
    Input in = x.input();
    StartMessaging request =
        new StartMessaging(
            to,
            subject.isEmpty() ? Optional.empty() : Optional.of(subject),
            Importance.Normal,
            Optional.of(threadId),
            Params.optional(in, "operationId", MAX_OPERATION_ID),
            firstMessage(in));
    String id = service.startMessaging(app, request);
    return Reply.created(Paths.messagingInvitation(app.id(), id));
  }

  private Reply addMessaging(Exchange x) {
    Application app = app(x);
    Input in = x.input();
    String id =
        service.addMessaging(
            app,
            x.param("conv"),
            Params.optional(in, "operationId", MAX_OPERATION_ID),
            firstMessage(in));
    return Reply.created(Paths.messagingInvitation(app.id(), id));
  }

  /**
   * The first message of an invitation: the {@code message} link as the reference's samples send it
   * ({@code _links.message.href}, a data URI), or a plain {@code message} property; the link wins
   * when both are given.
   */
  private Optional<Content> firstMessage(Input in) {
    int max = maxMessageLength * 4 + 64;
    Optional<String> uri =
        Params.optionalLink(in, "message", max).or(() -> Params.optional(in, "message", max));
    if (uri.isEmpty() || uri.get().isBlank()) {
      return Optional.empty();
    }
    Content c =
        Content.fromDataUri(uri.get())
            .orElseThrow(
                () ->
                    UcwaException.invalidParameter(
                        "message", "expected a data URI of text/plain or text/html"));
    return Optional.of(checkSize(c, "message"));
  }

  private Content checkSize(Content c, String parameter) {
    if (c.text().length() > maxMessageLength) {
      throw UcwaException.invalidParameter(
          parameter, "the message is longer than " + maxMessageLength + " characters");
    }
    return c;
  }

  private Reply decline(Exchange x) {
    String reason = Params.optional(x.input(), "reason", 64).orElse("Global");
    boolean global = !reason.equalsIgnoreCase("Local");
    service.decline(app(x), x.param("inv"), global);
    return Reply.noContent();
  }

  private Reply conversations(Exchange x) {
    Application app = app(x);
    boolean activeOnly = "active".equalsIgnoreCase(x.request().query().get("filter"));
    return Reply.ok(
        service.readAll(
            app,
            all ->
                assembler.conversations(
                    app.id(), all.stream().filter(c -> !activeOnly || c.active()).toList())));
  }

  private Reply participant(Exchange x) {
    Application app = app(x);
    String who = "sip:" + x.param("who");
    return Reply.ok(
        service.read(
            app,
            x.param("conv"),
            c ->
                who.equalsIgnoreCase(app.user().uri())
                    ? assembler.localParticipant(c)
                    : c.participant(who)
                        .map(p -> assembler.participant(c, p))
                        .or(() -> assembler.inviter(c, who))
                        .orElseThrow(
                            () ->
                                UcwaException.notFound(
                                    Subcode.ResourceNotFound,
                                    "No such participant in this conversation."))));
  }

  private Reply participantMessaging(Exchange x) {
    Application app = app(x);
    String who = "sip:" + x.param("who");
    return Reply.ok(
        service.read(
            app,
            x.param("conv"),
            c -> {
              if (who.equalsIgnoreCase(app.user().uri()) && c.localMessaging()) {
                return assembler.participantMessaging(c, Optional.empty());
              }
              return assembler.participantMessaging(
                  c,
                  Optional.of(
                      c.participant(who)
                          .filter(p -> p.messaging())
                          .orElseThrow(
                              () ->
                                  UcwaException.notFound(
                                      Subcode.ResourceNotFound,
                                      "The participant does not use messaging."))));
            }));
  }

  private Reply sendMessage(Exchange x) {
    Application app = app(x);
    String type = x.request().header("content-type").map(Negotiation::mediaTypeOf).orElse("");
    Content.Kind kind =
        switch (type) {
          case "text/plain", "" -> Content.Kind.Plain;
          case "text/html" -> Content.Kind.Html;
          default ->
              throw new UcwaException(
                  ErrorCode.UnsupportedMediaType,
                  Subcode.UnsupportedMediaType,
                  "A message is sent as text/plain or text/html.");
        };
    String text = new String(x.request().body(), StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      throw UcwaException.invalidParameter("message", "the message is empty");
    }
    Content content = checkSize(new Content(kind, text), "message");
    Map<String, String> q = x.request().query();
    // SendAnIM.md's OperationContext is the client's own: the real server does not echo it as
    // the message's operationId (docs/decisions/0018-outgoing-message-events.md)
    Optional<String> operationId = Optional.ofNullable(q.get("operationId"));
    if (operationId.isPresent() && operationId.get().length() > MAX_OPERATION_ID) {
      throw UcwaException.invalidParameter(
          "operationId", "it is longer than " + MAX_OPERATION_ID + " characters");
    }
    String id = service.sendMessage(app, x.param("conv"), content, operationId);
    return Reply.created(Paths.message(app.id(), x.param("conv"), id));
  }
}
