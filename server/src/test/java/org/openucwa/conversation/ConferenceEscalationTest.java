package org.openucwa.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * Escalation to an ad hoc conference with the router's signals delivered only when the test says
 * so: what the inviter may do while the conference's focus has not answered yet, which over HTTP is
 * a race the server nearly always wins.
 */
class ConferenceEscalationTest {

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
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
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
  }

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void a_second_participant_can_be_added_while_the_first_addition_is_still_escalating() {
    Application alice = available("alice");
    Application bob = available("bob");
    available("carol");
    available("dave");
    String conversation = twoParty(alice, bob);

    service.addParticipant(alice, conversation, "sip:carol@contoso.com", Optional.empty());
    assertThat(state(alice, conversation)).isEqualTo(ConversationState.Conferencing);
    String second =
        service.addParticipant(
            alice, conversation, "sip:dave@contoso.com", Optional.of("add-dave"));

    InvitationState pending =
        service.readParticipantInvitation(alice, second, ParticipantInvitation::state);
    assertThat(pending).isEqualTo(InvitationState.Connecting);
    deliver();
    assertThat(state(alice, conversation)).isEqualTo(ConversationState.Conferenced);
  }

  @Test
  void an_invitee_who_ends_the_conversation_between_accepting_and_joining_leaves_the_conference() {
    Application alice = available("alice");
    Application bob = available("bob");
    Application carol = available("carol");
    String conversation = twoParty(alice, bob);
    service.addParticipant(alice, conversation, "sip:carol@contoso.com", Optional.empty());
    deliver();
    String meeting = incomingInvitation(carol);
    String carols = service.readAll(carol, all -> all.getFirst().id());

    service.accept(carol, meeting);
    service.stopMessaging(carol, carols);
    deliver();

    String conference = service.read(alice, conversation, c -> c.conference().orElseThrow().id());
    assertThat(focus.members(conference))
        .extracting(ConferenceSignals.Member::uri)
        .containsExactlyInAnyOrder("sip:alice@contoso.com", "sip:bob@contoso.com");
    List<String> seenByAlice =
        service.read(
            alice, conversation, c -> c.participants().stream().map(Participant::uri).toList());
    assertThat(seenByAlice).containsExactly("sip:bob@contoso.com");
    int carolsConversations = service.readAll(carol, List::size);
    assertThat(carolsConversations).isZero();
  }

  @Test
  void an_accepted_meeting_invitation_can_be_neither_declined_nor_accepted_again_while_joining() {
    Application alice = available("alice");
    Application bob = available("bob");
    Application carol = available("carol");
    String conversation = twoParty(alice, bob);
    service.addParticipant(alice, conversation, "sip:carol@contoso.com", Optional.empty());
    deliver();
    String meeting = incomingInvitation(carol);
    service.accept(carol, meeting);

    assertThatThrownBy(() -> service.decline(carol, meeting, true))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("Conflict");
    assertThatThrownBy(() -> service.accept(carol, meeting))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("Conflict");
    deliver();
    InvitationState joined = service.readInvitation(carol, meeting, MessagingInvitation::state);
    assertThat(joined).isEqualTo(InvitationState.Connected);
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
    service.accept(bob, incomingInvitation(bob));
    deliver();
    return service.readAll(alice, all -> all.getFirst().id());
  }

  private String incomingInvitation(Application app) {
    return service.readAll(app, all -> all.getFirst().invitation().orElseThrow().id());
  }

  private ConversationState state(Application app, String conversation) {
    return service.read(app, conversation, Conversation::state);
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
