package org.openucwa.resource;

/**
 * A value with a fixed spelling on the wire, such as an enumeration member of the reference ({@code
 * Connecting}, {@code SameEnterprise}). Domain enums implement it so that the spelling lives next
 * to the meaning.
 */
public interface WireValue {

  /** The value exactly as the reference spells it. */
  String wire();
}
