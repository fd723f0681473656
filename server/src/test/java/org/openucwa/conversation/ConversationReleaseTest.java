package org.openucwa.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.application.ApplicationSpec;
import org.openucwa.application.MakeMeAvailable;
import org.openucwa.application.Modality;
import org.openucwa.directory.Directory;
import org.openucwa.error.UcwaException;
import org.openucwa.routing.LocalRouter;
import org.openucwa.testing.TestServer;

/**
 * Many invitation flows in one conference leave nothing behind (decision 0025): the invitee's
 * conversation of each flow and its invitation are released when it ends, the inviter keeps only
 * the last few ended participantInvitations, and no invitation timer outlives its answer.
 */
class ConversationReleaseTest {

  private final ArrayDeque<Runnable> undelivered = new ArrayDeque<>();
  private final LocalRouter router = new LocalRouter(undelivered::add);
  private final Directory directory = TestServer.directory();
  private final ApplicationRegistry registry =
      new ApplicationRegistry(
          Clock.systemUTC(),
          new SecureRandom(),
          new ApplicationSettings(5, Duration.ofMinutes(5), Duration.ofMinutes(15)),
          TestServer.fastChannel(),
          id -> "/events/" + id);
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final ConferenceFocus focus = new ConferenceFocus(router);
  private final ConversationService service =
      new ConversationService(
          directory,
          registry,
          router,
          Clock.systemUTC(),
          timers,
          Duration.ofSeconds(30),
          (app, changes) -> {},
          new SecureRandom(),
          focus);

  {
    router.attach(service);
    timers.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void accepted_and_declined_flows_release_their_conversations_invitations_and_timers() {
    Application alice = available("alice");
    Application bob = available("bob");
    Application carol = available("carol");
    String conversation = twoParty(alice, bob);
    flow(alice, carol, conversation, true);
    int conversations = service.liveConversations();
    int invitations = service.liveInvitations();

    for (int i = 0; i < 200; i++) {
      flow(alice, carol, conversation, i % 2 == 0);
    }

    assertThat(service.liveConversations()).isEqualTo(conversations).isEqualTo(2);
    assertThat(service.liveInvitations())
        .isLessThanOrEqualTo(invitations + 2 * Conversation.ENDED_KEPT);
    assertThat(timers.getQueue()).isEmpty();
    int members = focus.members(conferenceOf(alice, conversation)).size();
    assertThat(members).isEqualTo(2);
  }

  @Test
  void the_last_ended_participant_invitations_stay_readable_and_older_ones_are_gone() {
    Application alice = available("alice");
    Application bob = available("bob");
    Application carol = available("carol");
    String conversation = twoParty(alice, bob);
    String first = flow(alice, carol, conversation, false);
    String last = first;
    for (int i = 0; i <= Conversation.ENDED_KEPT; i++) {
      last = flow(alice, carol, conversation, false);
    }

    InvitationState declined =
        service.readParticipantInvitation(alice, last, ParticipantInvitation::state);
    assertThat(declined).isEqualTo(InvitationState.Declined);
    assertThatThrownBy(
            () -> service.readParticipantInvitation(alice, first, ParticipantInvitation::state))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("NotFound");
  }

  @Test
  void an_ended_conversation_is_released_and_its_invitation_answers_a_conflict_for_a_while() {
    Application alice = available("alice");
    Application bob = available("bob");
    String first = endedTwoParty(alice, bob);

    assertThatThrownBy(() -> service.accept(bob, first))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("Conflict");
    for (int i = 0; i < Conversation.ENDED_KEPT; i++) {
      endedTwoParty(alice, bob);
    }

    assertThatThrownBy(() -> service.accept(bob, first))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("NotFound");
    assertThat(service.liveConversations()).isZero();
    assertThat(service.liveInvitations()).isEqualTo(2 * Conversation.ENDED_KEPT);
    assertThat(timers.getQueue()).isEmpty();
  }

  @Test
  void an_ended_invitation_kept_readable_holds_its_conversation_without_participants_or_messages() {
    Application alice = available("alice");
    Application bob = available("bob");
    twoParty(alice, bob);
    String bobs = service.readAll(bob, all -> all.getFirst().id());
    service.sendMessage(bob, bobs, new Content(Content.Kind.Plain, "bye"), Optional.empty());
    deliver();
    String conversationId = service.read(bob, bobs, Conversation::id);
    String threadId = service.read(bob, bobs, Conversation::threadId);
    int heard = service.read(bob, bobs, c -> c.participants().size() + c.messages().size());
    assertThat(heard).isEqualTo(2);
    String invitation = service.readAll(bob, all -> all.getFirst().invitation().orElseThrow().id());

    service.stopMessaging(bob, bobs);
    deliver();

    Conversation ended = service.readInvitation(bob, invitation, Invitation::conversation);
    assertThat(ended.deleted()).isTrue();
    assertThat(ended.id()).isEqualTo(conversationId);
    assertThat(ended.threadId()).isEqualTo(threadId);
    assertThat(ended.participants()).isEmpty();
    assertThat(ended.messages()).isEmpty();
    assertThat(ended.keptInvitations()).isEmpty();
    assertThat(ended.peer()).isEmpty();
    InvitationState state = service.readInvitation(bob, invitation, Invitation::state);
    assertThat(state).isEqualTo(InvitationState.Connected);
  }

  /** alice and bob talk, then bob hangs up; bob's invitation. */
  private String endedTwoParty(Application alice, Application bob) {
    twoParty(alice, bob);
    String bobs = service.readAll(bob, all -> all.getFirst().id());
    String invitation = service.readAll(bob, all -> all.getFirst().invitation().orElseThrow().id());
    service.stopMessaging(bob, bobs);
    deliver();
    int left = service.readAll(alice, List::size) + service.readAll(bob, List::size);
    assertThat(left).isZero();
    return invitation;
  }

  /**
   * alice adds carol to the conference; carol accepts and leaves, or declines: the invitation
   * completes for alice. Returns alice's participantInvitation.
   */
  private String flow(Application alice, Application carol, String conversation, boolean accept) {
    String invitation =
        service.addParticipant(alice, conversation, "sip:carol@contoso.com", Optional.empty());
    deliver();
    String meeting = service.readAll(carol, all -> all.getFirst().invitation().orElseThrow().id());
    if (accept) {
      service.accept(carol, meeting);
      deliver();
      String carols = service.readAll(carol, all -> all.getFirst().id());
      service.stopMessaging(carol, carols);
    } else {
      service.decline(carol, meeting, false);
    }
    deliver();
    InvitationState done =
        service.readParticipantInvitation(alice, invitation, ParticipantInvitation::state);
    assertThat(done).isEqualTo(accept ? InvitationState.Connected : InvitationState.Declined);
    int carols = service.readAll(carol, List::size);
    assertThat(carols).isZero();
    return invitation;
  }

  private String conferenceOf(Application app, String conversation) {
    return service.read(app, conversation, c -> c.conference().orElseThrow().id());
  }

  /** alice invites bob, who accepts; alice's conversation. */
  private String twoParty(Application alice, Application bob) {
    service.startMessaging(
        alice,
        new StartMessaging(
            "sip:bob@contoso.com",
            Optional.empty(),
            Importance.Normal,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    deliver();
    service.accept(
        bob, service.readAll(bob, all -> all.getFirst().invitation().orElseThrow().id()));
    deliver();
    return service.readAll(alice, all -> all.getFirst().id());
  }

  private Application available(String user) {
    Application app =
        registry
            .register(
                directory.find("sip:" + user + "@contoso.com").orElseThrow(),
                new ApplicationSpec("test", user, "en-US", Optional.empty()))
            .application();
    app.makeMeAvailable(
        new MakeMeAvailable(
            Optional.empty(),
            List.of(Modality.Messaging),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    return app;
  }

  /** Delivers every signal sent, and those they cause, on the test's thread. */
  private void deliver() {
    while (!undelivered.isEmpty()) {
      undelivered.poll().run();
    }
  }
}
