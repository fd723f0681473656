package org.openucwa.people;

import java.util.List;
import org.openucwa.application.Modality;

/**
 * Where the presence of any user is read. The one way presence crosses from one user to another, so
 * that a distributed engine can answer it from the node the user is homed on; this node's answer is
 * {@link LocalPresenceDirectory}.
 */
public interface PresenceDirectory {

  /** The presence of the user with this SIP URI; Offline for a user with no application. */
  Presence presenceOf(String userUri);

  /**
   * contactSupportedModalities_ref.md: the modalities the user's available applications take, each
   * once, in the order of {@link Modality}; empty for a user with none.
   */
  List<Modality> supportedModalitiesOf(String userUri);

  /**
   * The presence of the owner as the reader may see it: filtered on the owner's home by the
   * relationship the owner assigned to the reader ({@link PrivacyRules}).
   */
  Presence presenceOf(String ownerUri, String readerUri);

  /** The owner's supported modalities as the reader may see them. */
  List<Modality> supportedModalitiesOf(String ownerUri, String readerUri);
}
