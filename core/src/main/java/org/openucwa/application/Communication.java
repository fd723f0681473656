package org.openucwa.application;

import java.util.List;
import java.util.Optional;

/**
 * The settings an application shows on its communication resource: what it takes incoming
 * invitations for and how. Immutable; an application replaces it as a whole.
 */
public record Communication(
    List<Modality> supportedModalities,
    List<MessageFormat> supportedMessageFormats,
    Optional<AudioPreference> audioPreference,
    Optional<String> phoneNumber,
    boolean publishEndpointLocation) {

  public Communication {
    supportedModalities = List.copyOf(supportedModalities);
    supportedMessageFormats = List.copyOf(supportedMessageFormats);
  }

  /** An application before makeMeAvailable: no incoming modalities, plain text messages. */
  public static Communication initial() {
    return new Communication(
        List.of(), List.of(MessageFormat.Plain), Optional.empty(), Optional.empty(), false);
  }
}
