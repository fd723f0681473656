package org.openucwa.meeting;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An audio conference provider (ACP): another company's dial-in audio bridge whose numbers and
 * participant pass code meetings show (phoneDialInInformation_ref.md's tollNumber, tollFreeNumbers
 * and participantPassCode). Configured by the operator; nothing of the bridge is reached from here.
 * Immutable.
 */
public record AudioConferenceProvider(
    String tollNumber, List<String> tollFreeNumbers, Optional<String> participantPassCode) {

  public AudioConferenceProvider {
    Objects.requireNonNull(tollNumber, "tollNumber");
    tollFreeNumbers = List.copyOf(tollFreeNumbers);
  }
}
