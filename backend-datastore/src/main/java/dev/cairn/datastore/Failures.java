package dev.cairn.datastore;

import com.google.cloud.datastore.DatastoreException;
import dev.cairn.CairnException;
import dev.cairn.ClosedException;
import dev.cairn.InvalidArgumentException;
import dev.cairn.TooLargeException;
import dev.cairn.UnavailableException;
import java.util.Locale;

/**
 * What a failed Datastore request means to Cairn. Codes are gRPC's, which the client reports
 * for both of its transports. Stateless.
 */
final class Failures {
  static final int INVALID_ARGUMENT = 3;
  static final int ABORTED = 10;

  private Failures() {}

  /**
   * Whether the transaction lost a race for an entity: {@code ABORTED}, from an optimistic
   * database's commit or a pessimistic one's lock timeout. Running it again may succeed.
   */
  static boolean isContention(RuntimeException e) {
    return e instanceof DatastoreException && ((DatastoreException) e).getCode() == ABORTED;
  }

  /**
   * Whether a failed commit request certainly did not apply: the service refused it (bad
   * argument, contention, permission, quota) rather than losing the answer on the way back.
   */
  static boolean isRefusal(RuntimeException e) {
    if (!(e instanceof DatastoreException)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true; // no connection: the request never left
      }
    }
    switch (((DatastoreException) e).getCode()) {
      case INVALID_ARGUMENT:
      case 5: // NOT_FOUND
      case 6: // ALREADY_EXISTS
      case 7: // PERMISSION_DENIED
      case 8: // RESOURCE_EXHAUSTED
      case 9: // FAILED_PRECONDITION
      case ABORTED:
      case 16: // UNAUTHENTICATED
        return true;
      default:
        return false;
    }
  }

  /** Whether the service refused a request as too large (an entity, a request, a transaction). */
  static boolean isTooLarge(RuntimeException e) {
    if (!(e instanceof DatastoreException) || ((DatastoreException) e).getCode() != INVALID_ARGUMENT) {
      return false;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("too big") || message.contains("too large") || message.contains("exceeds")
        || message.contains("maximum");
  }

  /** Maps a failure of {@code what}; Cairn's own exceptions pass through. */
  static CairnException map(String what, RuntimeException e, boolean closed, Object backend) {
    if (e instanceof CairnException) {
      return (CairnException) e;
    }
    if (closed) {
      return new ClosedException("datastore backend " + backend + " is closed", e);
    }
    if (isTooLarge(e)) {
      return new TooLargeException("Datastore refused to " + what + " as too large: " + e.getMessage(), e);
    }
    if (e instanceof DatastoreException && ((DatastoreException) e).getCode() == INVALID_ARGUMENT) {
      return new InvalidArgumentException("Datastore refused to " + what + ": " + e.getMessage(), e);
    }
    return new UnavailableException("cannot " + what + " on " + backend + ": " + describe(e), e);
  }

  /** The failure with its code, which the client's messages often leave out. */
  static String describe(RuntimeException e) {
    if (e instanceof DatastoreException) {
      DatastoreException d = (DatastoreException) e;
      return d.getMessage() + " (code " + d.getCode() + (d.getReason() == null ? "" : ", " + d.getReason()) + ")";
    }
    return String.valueOf(e);
  }
}
