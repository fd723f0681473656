package org.openucwa.application;

import java.time.Duration;

/**
 * Limits of applications: how many one user may hold, after how long without a P-GET an
 * application's transient state is reset (its next P-GET then gets a {@code resume} link), and
 * after how long it expires altogether.
 */
public record ApplicationSettings(int maxPerUser, Duration resumeAfter, Duration expireAfter) {

  public static ApplicationSettings defaults() {
    return new ApplicationSettings(10, Duration.ofMinutes(5), Duration.ofMinutes(15));
  }
}
