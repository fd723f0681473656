package org.openucwa.routing;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of a single node: every user is homed here. Each recipient has its own queue; a signal
 * is handed to the handler on an executor thread, one signal per recipient at a time, in order. A
 * handler that throws loses only that signal, which is logged.
 *
 * <p>Threading: {@link #send} may be called from any thread, holding any lock; it only enqueues.
 */
public final class LocalRouter implements Router {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRouter.class);

  private final Executor executor;
  private final ConcurrentHashMap<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
  private volatile SignalHandler handler =
      s -> {
        throw new IllegalStateException("no handler attached");
      };

  public LocalRouter(Executor executor) {
    this.executor = executor;
  }

  /** Attaches the node's handler; done once while the node is wired. */
  public void attach(SignalHandler h) {
    this.handler = h;
  }

  @Override
  public void send(Signal signal) {
    mailboxes
        .computeIfAbsent(signal.to().toLowerCase(Locale.ROOT), k -> new Mailbox())
        .post(signal);
  }

  private final class Mailbox {
    private final ArrayDeque<Signal> queue = new ArrayDeque<>();
    private boolean draining;

    void post(Signal s) {
      synchronized (this) {
        queue.addLast(s);
        if (draining) {
          return;
        }
        draining = true;
      }
      executor.execute(this::drain);
    }

    private void drain() {
      while (true) {
        Signal next;
        synchronized (this) {
          next = queue.pollFirst();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          handler.receive(next);
        } catch (RuntimeException e) {
          LOG.error("Signal {} to {} failed", next.getClass().getSimpleName(), next.to(), e);
        }
      }
    }
  }
}
