package org.openucwa.application;

import java.util.List;
import org.openucwa.resource.WireValue;

/**
 * ModalityType_ref.md: the modalities an application can ask to take incoming invitations for. An
 * application may ask for any of them; this server serves Messaging only, and offers only what it
 * serves ({@link #served()}).
 */
public enum Modality implements WireValue {
  Audio,
  Video,
  PhoneAudio,
  ApplicationSharing,
  Messaging,
  DataCollaboration,
  PanoramicVideo;

  @Override
  public String wire() {
    return name();
  }

  /** Whether this server takes incoming invitations for the modality. */
  public boolean served() {
    return this == Messaging;
  }

  /** The modalities of {@code asked} that this server serves, in the order asked. */
  public static List<Modality> servedOf(List<Modality> asked) {
    return asked.stream().filter(Modality::served).distinct().toList();
  }
}
