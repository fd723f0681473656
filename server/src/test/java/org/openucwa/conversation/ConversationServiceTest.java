package org.openucwa.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.application.ApplicationSpec;
import org.openucwa.application.MakeMeAvailable;
import org.openucwa.application.Modality;
import org.openucwa.error.UcwaException;
import org.openucwa.events.ChannelSettings;
import org.openucwa.routing.Router;
import org.openucwa.routing.Signal;
import org.openucwa.testing.TestServer;

/**
 * The conversation service without HTTP: a router that holds signals until the test delivers them
 * makes every interleaving explicit.
 */
class ConversationServiceTest {

  /** Holds signals; the test decides when they arrive. */
  static final class HeldRouter implements Router {
    final ArrayDeque<Signal> held = new ArrayDeque<>();
    ConversationService target;

    @Override
    public void send(Signal signal) {
      held.add(signal);
    }

    void deliverAll() {
      while (!held.isEmpty()) {
        target.receive(held.poll());
      }
    }

    void drop(Class<? extends Signal> type) {
      held.removeIf(type::isInstance);
    }
  }

  private final HeldRouter router = new HeldRouter();
  private final List<ConversationChange> heard = new ArrayList<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private ConversationService service;
  private Application alice;
  private Application bob;

  @BeforeEach
  void wire() {
    ApplicationRegistry registry =
        new ApplicationRegistry(
            Clock.systemUTC(),
            new SecureRandom(),
            ApplicationSettings.defaults(),
            ChannelSettings.reference(),
            id -> "/e/" + id);
    var directory = TestServer.directory();
    service =
        new ConversationService(
            directory,
            registry,
            router,
            Clock.systemUTC(),
            timers,
            Duration.ofMinutes(5),
            (app, changes) -> heard.addAll(changes),
            new SecureRandom(),
            new ConferenceFocus(router));
    router.target = service;
    alice = available(registry, directory.find("alice").orElseThrow());
    bob = available(registry, directory.find("bob").orElseThrow());
  }

  private static Application available(
      ApplicationRegistry registry, org.openucwa.directory.User user) {
    Application app =
        registry
            .register(
                user, new ApplicationSpec("test", "e-" + user.uri(), "en-US", Optional.empty()))
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

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  private String invite() {
    return service.startMessaging(
        alice,
        new StartMessaging(
            "sip:bob@contoso.com",
            Optional.empty(),
            Importance.Normal,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private String incomingAtBob() {
    router.deliverAll();
    return service.readAll(bob, all -> all.get(0).invitation().orElseThrow().id());
  }

  private String connect() {
    invite();
    service.accept(bob, incomingAtBob());
    router.deliverAll();
    return service.readAll(alice, all -> all.get(0).id());
  }

  @ParameterizedTest(name = "{1} after {0}: {2}")
  @CsvSource({
    "pending,   accept,  allowed",
    "pending,   decline, allowed",
    "accepted,  accept,  refused",
    "accepted,  decline, refused",
    "declined,  accept,  refused",
    "declined,  decline, refused",
    "withdrawn, accept,  refused",
    "withdrawn, decline, refused"
  })
  void an_incoming_invitation_can_be_answered_only_while_it_is_pending(
      String state, String action, String outcome) {
    String outgoing = invite();
    String incoming = incomingAtBob();
    switch (state.trim()) {
      case "accepted" -> service.accept(bob, incoming);
      case "declined" -> service.decline(bob, incoming, true);
      case "withdrawn" -> {
        service.cancel(alice, outgoing);
        router.deliverAll();
      }
      default -> {}
    }
    Runnable act =
        action.trim().equals("accept")
            ? () -> service.accept(bob, incoming)
            : () -> service.decline(bob, incoming, true);
    if (outcome.trim().equals("allowed")) {
      act.run();
    } else {
      assertThatThrownBy(act::run)
          .isInstanceOf(UcwaException.class)
          .satisfies(e -> assertThat(((UcwaException) e).status()).isEqualTo(409));
    }
  }

  @Test
  void a_message_the_other_side_no_longer_takes_fails_naming_the_participant() {
    String conversation = connect();
    String bobConversation = service.readAll(bob, all -> all.get(0).id());
    service.stopMessaging(bob, bobConversation);
    router.drop(Signals.Bye.class);
    heard.clear();

    String message =
        service.sendMessage(
            alice, conversation, new Content(Content.Kind.Plain, "still there?"), Optional.of("m"));
    router.deliverAll();

    assertThat(heard)
        .filteredOn(c -> c instanceof ConversationChange.MessageChanged)
        .extracting(c -> ((ConversationChange.MessageChanged) c).event().status().orElse(null))
        .containsExactly(null, org.openucwa.operation.OperationStatus.Failure);
    Optional<String> failed =
        service.read(alice, conversation, c -> c.message(message).orElseThrow().failedDelivery());
    assertThat(failed).contains("sip:bob@contoso.com");
  }

  @Test
  void an_answer_that_arrives_after_a_cancel_makes_the_late_acceptor_leave_again() {
    String outgoing = invite();
    String incoming = incomingAtBob();
    service.accept(bob, incoming);
    service.cancel(alice, outgoing);

    router.deliverAll();

    int left = service.readAll(bob, List::size);
    assertThat(left).isZero();
    InvitationState state = service.readInvitation(alice, outgoing, MessagingInvitation::state);
    assertThat(state).isEqualTo(InvitationState.Cancelled);
  }

  @Test
  void inviting_someone_already_in_the_conversation_is_refused_and_changes_nothing() {
    String conversation = connect();
    heard.clear();

    assertThatThrownBy(
            () ->
                service.addParticipant(
                    alice, conversation, "sip:bob@contoso.com", Optional.empty()))
        .isInstanceOf(UcwaException.class)
        .hasMessageContaining("AlreadyExists");
    assertThat(heard).isEmpty();
    assertThat(router.held).isEmpty();
  }
}
