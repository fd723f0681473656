package org.openucwa.auth;

import java.time.Duration;

/**
 * Bounds of the sign-in path.
 *
 * @param maxUsernameLength longer usernames are refused before anything is looked up or stored
 * @param hashingPermits how many password checks (PBKDF2, CPU-bound) may run at once
 * @param permitWait how long a sign-in waits for a hashing permit before it is answered 503
 * @param freeFailures failures allowed for one account from one address before it is slowed down
 * @param firstDelay the wait imposed after those, doubling with each further failure
 * @param maxDelay the longest wait imposed
 * @param addressFreeFailures failures allowed from one address, over all accounts, before every
 *     attempt from it is slowed down the same way
 * @param maxConcurrentPerAddress sign-ins one address may have in progress at once
 * @param forgetAfter a record of failures is forgotten after this long without attempts
 * @param maxTracked the most accounts (and, apart, addresses) whose failures are remembered
 */
public record SignInSettings(
    int maxUsernameLength,
    int hashingPermits,
    Duration permitWait,
    int freeFailures,
    Duration firstDelay,
    Duration maxDelay,
    int addressFreeFailures,
    int maxConcurrentPerAddress,
    Duration forgetAfter,
    long maxTracked) {

  /** Half the processors hash at most, so that signed-in users keep the other half. */
  public static SignInSettings defaults() {
    return new SignInSettings(
        256,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
        Duration.ofMillis(500),
        5,
        Duration.ofMillis(250),
        Duration.ofSeconds(8),
        50,
        4,
        Duration.ofMinutes(15),
        65_536);
  }

  public SignInSettings withHashingPermits(int permits) {
    return new SignInSettings(
        maxUsernameLength,
        permits,
        permitWait,
        freeFailures,
        firstDelay,
        maxDelay,
        addressFreeFailures,
        maxConcurrentPerAddress,
        forgetAfter,
        maxTracked);
  }
}
