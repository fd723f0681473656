package org.openucwa.server;

import sun.misc.Signal;

/**
 * SIGHUP for the launcher, through {@code sun.misc.Signal} (module jdk.unsupported, open to every
 * application on JDK 21 and later). Handling it replaces the JVM's default of exiting. Where the
 * platform has no SIGHUP (Windows) nothing is installed.
 */
final class Signals {

  private Signals() {}

  static void onHangUp(Runnable action) {
    try {
      Signal.handle(new Signal("HUP"), s -> action.run());
    } catch (IllegalArgumentException noSuchSignal) {
      // not on this platform
    }
  }
}
