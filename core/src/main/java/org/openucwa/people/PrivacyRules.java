package org.openucwa.people;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a contact sees of a user at each {@link PrivacyRelationshipLevel}, as Skype for Business
 * shares it (decision 0036):
 *
 * <ul>
 *   <li>Blocked: Offline, no note, no location, no phone, no modality
 *       (PrivacyRelationshipLevel_ref.md: "Only email address and name are shared with blocked
 *       contacts").
 *   <li>External: availability and activity only.
 *   <li>Colleagues (the default, also for Unknown), Workgroup and FriendsAndFamily: presence, note,
 *       location and every phone the user shares (contact_ref.md's sample shows a colleague all
 *       four numbers; this server keeps no calendar, so the closer levels have nothing more to
 *       see).
 * </ul>
 *
 * A phone is shown only when the user shares it on their contact card, whatever the level.
 */
public final class PrivacyRules {

  /** The level of a contact the user assigned none to: every user is of the same enterprise. */
  public static final PrivacyRelationshipLevel DEFAULT = PrivacyRelationshipLevel.Colleagues;

  private static final Set<PrivacyRelationshipLevel> NO_PHONES =
      EnumSet.of(PrivacyRelationshipLevel.Blocked, PrivacyRelationshipLevel.External);

  private PrivacyRules() {}

  /** The level that applies: the assigned one, or the default for none or Unknown. */
  public static PrivacyRelationshipLevel effective(Optional<PrivacyRelationshipLevel> assigned) {
    return assigned.filter(l -> l != PrivacyRelationshipLevel.Unknown).orElse(DEFAULT);
  }

  public static Presence presence(PrivacyRelationshipLevel level, Presence p) {
    return switch (effective(Optional.of(level))) {
      case Blocked -> Presence.OFFLINE;
      case External -> new Presence(p.availability(), p.activity(), Optional.empty());
      default -> p;
    };
  }

  public static List<org.openucwa.application.Modality> modalities(
      PrivacyRelationshipLevel level, List<org.openucwa.application.Modality> modalities) {
    return level == PrivacyRelationshipLevel.Blocked ? List.of() : modalities;
  }

  public static Profile profile(PrivacyRelationshipLevel level, Profile p) {
    PrivacyRelationshipLevel l = effective(Optional.of(level));
    boolean personal =
        l != PrivacyRelationshipLevel.Blocked && l != PrivacyRelationshipLevel.External;
    Map<PhoneType, Phone> phones = new EnumMap<>(PhoneType.class);
    for (Phone ph : p.phoneList()) {
      boolean shared = ph.includeInContactCard() && !NO_PHONES.contains(l);
      phones.put(ph.type(), new Phone(ph.type(), ph.number(), shared, ph.changeable()));
    }
    return new Profile(
        personal ? p.personalNote() : Optional.empty(),
        personal ? p.outOfOfficeNote() : Optional.empty(),
        personal ? p.location() : Optional.empty(),
        phones);
  }
}
