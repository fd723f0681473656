package org.openucwa.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openucwa.routing.Signal;

/**
 * What a user hears when other users can no longer be reached: the signals those users would have
 * sent had they left, worked out from the user's own state (read under the user's lock) and then
 * handled like any signal.
 */
final class LostParties {

  private LostParties() {}

  static List<Signal> signals(String user, UserState s, Set<String> lost) {
    List<Signal> heard = new ArrayList<>();
    for (Conversation c : s.allConversations()) {
      if (c.deleted()) {
        continue;
      }
      Optional<MessagingInvitation> inv = c.invitation().filter(MessagingInvitation::pending);
      if (inv.isPresent() && inv.get().conference().isEmpty()) {
        MessagingInvitation i = inv.get();
        if (i.direction() == Direction.Outgoing && lost.contains(key(i.to()))) {
          heard.add(
              new Signals.Answer(
                  user, c.session(), new Signals.Party(i.to(), i.to()), Optional.of(Reasons.LOST)));
          continue;
        }
        if (i.direction() == Direction.Incoming && lost.contains(key(i.from().uri()))) {
          heard.add(new Signals.Withdraw(user, c.session(), i.from().uri(), Reasons.LOST));
          continue;
        }
      }
      for (ParticipantInvitation pi : c.pendingParticipantInvitations()) {
        if (lost.contains(key(pi.to().uri()))) {
          heard.add(new Signals.Answer(user, c.session(), pi.to(), Optional.of(Reasons.LOST)));
        }
      }
      Optional<ConferenceSignals.Ref> conference = c.conference();
      if (conference.isPresent()) {
        if (lost.contains(key(conference.get().focus()))) {
          heard.add(new ConferenceSignals.Removed(user, conference.get().id(), Reasons.LOST));
        }
      } else {
        for (Participant p : c.participants()) {
          if (lost.contains(key(p.uri()))) {
            heard.add(
                new Signals.Bye(
                    user, c.session(), new Signals.Party(p.uri(), p.name()), Reasons.LOST));
          }
        }
      }
    }
    return heard;
  }

  private static String key(String uri) {
    return uri.toLowerCase(Locale.ROOT);
  }
}
