package org.openucwa.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The parameters of makeMeAvailable (makeMeAvailable_ref.md), already validated. */
public record MakeMeAvailable(
    Optional<Availability> signInAs,
    List<Modality> supportedModalities,
    List<MessageFormat> supportedMessageFormats,
    Optional<AudioPreference> audioPreference,
    Optional<String> phoneNumber,
    Optional<Duration> inactiveTimeout) {

  public MakeMeAvailable {
    supportedModalities = List.copyOf(supportedModalities);
    supportedMessageFormats = List.copyOf(supportedMessageFormats);
  }
}
