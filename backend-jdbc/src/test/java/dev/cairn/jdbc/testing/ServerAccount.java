package dev.cairn.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system account the server programs run as. PostgreSQL refuses to run as root,
 * and CI runs as root: then the programs run as {@code postgres} (created by Debian's package)
 * or else {@code nobody}, through {@code setpriv}, which execs the program in place (so the
 * process Java starts is the postmaster itself and can be killed as such). Otherwise they run
 * as the current user. Immutable and thread-safe.
 */
final class ServerAccount {
  private static final Duration ID_TIMEOUT = Duration.ofSeconds(10);

  /** The account name, or null for the current user. */
  private final String name;
  private final String uid;
  private final String gid;

  private ServerAccount(String name, String uid, String gid) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
  }

  /**
   * Returns the account to run the server as.
   *
   * @throws IllegalStateException if this process is root and neither {@code postgres} nor
   *     {@code nobody} exists
   */
  static ServerAccount choose() {
    if (!Commands.run(List.of("id", "-u"), null, ID_TIMEOUT).strip().equals("0")) {
      return new ServerAccount(null, null, null);
    }
    for (String candidate : List.of("postgres", "nobody")) {
      try {
        String uid = Commands.run(List.of("id", "-u", candidate), null, ID_TIMEOUT).strip();
        String gid = Commands.run(List.of("id", "-g", candidate), null, ID_TIMEOUT).strip();
        return new ServerAccount(candidate, uid, gid);
      } catch (IllegalStateException noSuchUser) {
        // try the next one
      }
    }
    throw new IllegalStateException("running as root, and neither a 'postgres' nor a 'nobody' account exists "
        + "to run PostgreSQL as (it refuses root): run " + PostgresBinaries.INSTALL_SCRIPT);
  }

  /** Returns {@code command}, prefixed so that it runs as this account. */
  List<String> command(List<String> command) {
    if (name == null) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Makes {@code path} and everything under it owned by this account (nothing when it is the current user). */
  void own(Path path) {
    if (name == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
      var user = lookup.lookupPrincipalByName(name);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(gid);
      for (Path p : (Iterable<Path>) all::iterator) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + path + " to " + name, e);
    }
  }

  @Override
  public String toString() {
    return name == null ? "the current user" : name + " (uid " + uid + ")";
  }
}
