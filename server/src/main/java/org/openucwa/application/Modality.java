package org.openucwa.application;

import org.openucwa.resource.WireValue;

/** ModalityType_ref.md: the modalities an application can take incoming invitations for. */
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
}
