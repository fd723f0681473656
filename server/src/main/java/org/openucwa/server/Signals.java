package org.openucwa.server;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP for the launcher, through {@code sun.misc.Signal} (module jdk.unsupported, open to every
 * application on JDK 21 and later). Handling it replaces the JVM's default of exiting. Where the
 * platform has no SIGHUP (Windows) nothing is installed.
 */
final class Signals {

  private Signals() {}

  /**
   * Runs {@code action} on each SIGHUP. False when it cannot: a process started with SIGHUP ignored
   * (under {@code nohup}, or by a parent that ignores it) keeps ignoring it, since the JVM leaves
   * an ignored signal alone.
   */
  static boolean onHangUp(Runnable action) {
    try {
      return Signal.handle(new Signal("HUP"), s -> action.run()) != SignalHandler.SIG_IGN;
    } catch (IllegalArgumentException noSuchSignal) {
      return false; // not on this platform
    }
  }
}
