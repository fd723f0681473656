package org.openucwa.people;

/**
 * The activity tokens this server publishes. MeDashboard.md and contactPresence_ref.md say the
 * activity is a well-known token that the application localizes ({@code off-work}, {@code
 * in-a-meeting}, ...); for the plain availabilities the token is the availability's own name, as
 * Lync publishes it.
 */
final class Activity {

  static final String AVAILABLE = "Available";
  static final String INACTIVE = "Inactive";
  static final String BUSY = "Busy";
  static final String DO_NOT_DISTURB = "DoNotDisturb";
  static final String BE_RIGHT_BACK = "BeRightBack";
  static final String AWAY = "Away";
  static final String OFF_WORK = "off-work";
  static final String OFFLINE = "Offline";

  private Activity() {}
}
