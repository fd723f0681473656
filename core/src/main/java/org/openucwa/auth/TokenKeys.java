package org.openucwa.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The life of the token-signing keys in their store: the newest key signs; an older key is still
 * accepted while a token it signed may be unexpired (until a token lifetime after the next key was
 * made), then forgotten. {@link #rotate} makes a new signing key; with {@code retireOthers} it
 * forgets every other key at once, signing everyone out (for a key that may have leaked).
 */
public final class TokenKeys {

  private final TokenKeyStore store;
  private final Clock clock;
  private final SecureRandom random;

  public TokenKeys(TokenKeyStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The keys to accept, the signing key first; makes the first key on first start, and forgets the
   * keys no unexpired token can carry.
   */
  public List<TokenKey> current(Duration lifetime) {
    List<TokenKey> all = store.all();
    if (all.isEmpty()) {
      TokenKey first = TokenKey.generate(random, clock.instant());
      store.add(first);
      return List.of(first);
    }
    Instant now = clock.instant();
    List<TokenKey> kept = new ArrayList<>();
    kept.add(all.get(0));
    for (int i = 1; i < all.size(); i++) {
      Instant replacedAt = all.get(i - 1).created();
      if (replacedAt.plus(lifetime).isAfter(now)) {
        kept.add(all.get(i));
      } else {
        store.remove(all.get(i).id());
      }
    }
    return List.copyOf(kept);
  }

  /** Makes a new signing key; {@code retireOthers} forgets all the others. */
  public TokenKey rotate(boolean retireOthers) {
    TokenKey key = TokenKey.generate(random, clock.instant());
    List<TokenKey> before = store.all();
    store.add(key);
    if (retireOthers) {
      for (TokenKey k : before) {
        store.remove(k.id());
      }
    }
    return key;
  }
}
