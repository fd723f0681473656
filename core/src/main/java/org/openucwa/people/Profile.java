package org.openucwa.people;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openucwa.directory.User;

/**
 * What a user publishes of themselves besides presence: the personal note they set, the
 * out-of-office note of the directory, their location and their phone numbers. Immutable: each
 * change makes a new profile.
 */
public record Profile(
    Optional<String> personalNote,
    Optional<String> outOfOfficeNote,
    Optional<String> location,
    Map<PhoneType, Phone> phones) {

  /** The longest personal note this server takes (the reference gives none). */
  public static final int MAX_NOTE_LENGTH = 500;

  /** The longest location location_ref.md accepts. */
  public static final int MAX_LOCATION_LENGTH = 60;

  public Profile {
    Objects.requireNonNull(personalNote, "personalNote");
    Objects.requireNonNull(outOfOfficeNote, "outOfOfficeNote");
    Objects.requireNonNull(location, "location");
    EnumMap<PhoneType, Phone> copy = new EnumMap<>(PhoneType.class);
    copy.putAll(phones);
    phones = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The profile a user starts with: the directory's numbers (shared, not changeable by the user),
   * the other kinds empty and changeable, and the directory's out-of-office note.
   */
  public static Profile initial(User user) {
    Map<PhoneType, Phone> phones = new EnumMap<>(PhoneType.class);
    phones.put(PhoneType.Work, fromDirectory(PhoneType.Work, user.workPhoneNumber()));
    phones.put(PhoneType.Mobile, fromDirectory(PhoneType.Mobile, user.mobilePhoneNumber()));
    phones.put(PhoneType.Home, fromDirectory(PhoneType.Home, user.homePhoneNumber()));
    phones.put(PhoneType.Other, fromDirectory(PhoneType.Other, user.otherPhoneNumber()));
    return new Profile(Optional.empty(), user.outOfOfficeNote(), Optional.empty(), phones);
  }

  private static Phone fromDirectory(PhoneType type, Optional<String> number) {
    return number
        .map(n -> new Phone(type, Optional.of(n), true, false))
        .orElseGet(() -> new Phone(type, Optional.empty(), false, true));
  }

  /** The note others see: the out-of-office note while there is one, else the personal note. */
  public Note note() {
    if (outOfOfficeNote.isPresent()) {
      return new Note(outOfOfficeNote, NoteType.OutOfOffice);
    }
    return new Note(personalNote, NoteType.Personal);
  }

  public List<Phone> phoneList() {
    return List.copyOf(phones.values());
  }

  public Phone phone(PhoneType type) {
    return phones.get(type);
  }

  public Profile withPersonalNote(Optional<String> text) {
    return new Profile(text, outOfOfficeNote, location, phones);
  }

  public Profile withLocation(Optional<String> text) {
    return new Profile(personalNote, outOfOfficeNote, text, phones);
  }

  public Profile withPhone(Phone phone) {
    Map<PhoneType, Phone> changed = new EnumMap<>(phones);
    changed.put(phone.type(), phone);
    return new Profile(personalNote, outOfOfficeNote, location, changed);
  }
}
