package org.openucwa.application;

/** Hears of applications that end or lose their transient state, so that what they hold ends. */
public interface ApplicationListener {

  /** The application was deleted or expired; its event channel is already closed. */
  void ended(Application application);

  /** The application's client has been away long enough that its transient state is reset. */
  void reset(Application application);
}
