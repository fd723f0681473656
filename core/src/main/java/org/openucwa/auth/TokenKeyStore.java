package org.openucwa.auth;

import java.util.List;

/**
 * Where the token-signing keys are kept so that tokens outlive a restart (the store's repository
 * for them). Implementations are thread-safe.
 */
public interface TokenKeyStore {

  /** Every key kept, newest first. */
  List<TokenKey> all();

  void add(TokenKey key);

  /** Forgets a key: the tokens it signed stop being accepted at the next start. */
  void remove(String id);
}
