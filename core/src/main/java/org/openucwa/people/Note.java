package org.openucwa.people;

import java.util.Objects;
import java.util.Optional;

/**
 * The note a user shows (note_ref.md, contactNote_ref.md): one displayable string that aggregates
 * the personal note and the out-of-office note, with a type telling which it is. An empty message
 * means the user shows no note.
 */
public record Note(Optional<String> message, NoteType type) {

  /** No note at all. */
  public static final Note NONE = new Note(Optional.empty(), NoteType.Personal);

  public Note {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
  }
}
