package org.openucwa.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openucwa.application.Application;
import org.openucwa.conversation.ConversationChange;
import org.openucwa.conversation.ConversationListener;
import org.openucwa.conversation.Invitation;
import org.openucwa.conversation.MessagingInvitation;
import org.openucwa.operation.Operation;
import org.openucwa.operation.OperationStatus;
import org.openucwa.resource.EventType;

/**
 * Counts what the conversation service's changes say: conversations held (each user's side counts
 * once), invitations pending by kind, and invitations ended by kind and outcome ({@code Success} or
 * the failure's subcode, such as {@code Declined} or {@code Timeout}). A listener beside the one
 * that renders events; it keeps the domain free of any metrics library.
 *
 * <p>Called under the changed user's lock, so it only bumps counters. Thread-safe.
 */
public final class ConversationMetrics implements ConversationListener {

  private static final List<String> KINDS =
      List.of("messagingInvitation", "onlineMeetingInvitation", "participantInvitation");

  private final MeterRegistry registry;
  private final AtomicLong conversations = new AtomicLong();
  private final Map<String, AtomicLong> pendingByKind = new ConcurrentHashMap<>();
  private final Map<Invitation, String> pending = new ConcurrentHashMap<>();
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

  ConversationMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("ucwa.conversations", conversations, AtomicLong::get)
        .description("Conversations held, each participant's side counted once")
        .register(registry);
    for (String kind : KINDS) {
      AtomicLong n = new AtomicLong();
      pendingByKind.put(kind, n);
      Gauge.builder("ucwa.invitations.pending", n, AtomicLong::get)
          .description("Invitations awaiting an answer, by kind")
          .tag("kind", kind)
          .register(registry);
    }
  }

  @Override
  public void changed(Application application, List<ConversationChange> changes) {
    for (ConversationChange change : changes) {
      switch (change) {
        case ConversationChange.ConversationChanged c -> {
          if (c.type() == EventType.added) {
            conversations.incrementAndGet();
          } else if (c.type() == EventType.deleted) {
            conversations.decrementAndGet();
          }
        }
        case ConversationChange.InvitationChanged i ->
            invitation(i.invitation(), kindOf(i.invitation()), i.event());
        case ConversationChange.ParticipantInvitationChanged p ->
            invitation(p.invitation(), "participantInvitation", p.event());
        default -> {}
      }
    }
  }

  private static String kindOf(MessagingInvitation i) {
    return i.conference().isPresent() ? "onlineMeetingInvitation" : "messagingInvitation";
  }

  private void invitation(Invitation invitation, String kind, Operation.Event event) {
    if (event.type() == EventType.started) {
      if (pending.putIfAbsent(invitation, kind) == null) {
        pendingByKind.get(kind).incrementAndGet();
      }
    } else if (event.type() == EventType.completed) {
      String startedAs = pending.remove(invitation);
      if (startedAs != null) {
        pendingByKind.get(startedAs).decrementAndGet();
      }
      String outcome =
          event.status().orElse(OperationStatus.Failure) == OperationStatus.Success
              ? "Success"
              : event.reason().map(r -> r.subcode().orElse(r.code())).orElse("Failure");
      String k = startedAs != null ? startedAs : kind;
      outcomes
          .computeIfAbsent(
              k + '\n' + outcome,
              key ->
                  Counter.builder("ucwa.invitations.ended")
                      .description("Invitations ended, by kind and outcome")
                      .tag("kind", k)
                      .tag("outcome", outcome)
                      .register(registry))
          .increment();
    }
  }
}
