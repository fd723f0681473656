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
 * handler that throws loses only that signal, which is logged. A recipient's queue exists only
 * while it has signals: the drain that empties it retires it (under its lock, so nothing is posted
 * to it afterwards) and removes it, and the next signal starts a new one, after every signal of the
 * old. So a long-running node holds no queue for users it no longer hears of.
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
    String key = signal.to().toLowerCase(Locale.ROOT);
    boolean posted;
    do {
      // a queue found retired has just been emptied and removed: the next one found is new
      posted = mailboxes.computeIfAbsent(key, Mailbox::new).post(signal);
    } while (!posted);
  }

  /** How many recipients have signals queued or being handled (for tests and metrics). */
  public int mailboxes() {
    return mailboxes.size();
  }

  private final class Mailbox {
    private final String key;
    private final ArrayDeque<Signal> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean retired;

    Mailbox(String key) {
      this.key = key;
    }

    /** Queues the signal; false when this queue is retired and the signal must go to a new one. */
    boolean post(Signal s) {
      synchronized (this) {
        if (retired) {
          return false;
        }
        queue.addLast(s);
        if (draining) {
          return true;
        }
        draining = true;
      }
      executor.execute(this::drain);
      return true;
    }

    private void drain() {
      while (true) {
        Signal next;
        synchronized (this) {
          next = queue.pollFirst();
          if (next == null) {
            draining = false;
            retired = true;
            mailboxes.remove(key, this);
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
