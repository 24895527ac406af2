package dev.cairn.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cairn.CompactedException;
import dev.cairn.jdbc.testing.PostgresExtension;
import dev.cairn.spi.Backend;
import dev.cairn.spi.BackendUri;
import dev.cairn.spi.CommitRequest;
import dev.cairn.spi.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a namespace keeps of its past, on every dialect: the feed its retention, commit tokens 10,000 revisions. */
class JdbcRetentionTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES = PostgresExtension.create();
  private static final long RETENTION = 100;

  @TempDir
  Path dir;

  /**
   * Commits up to the first token trim point past {@link Retention#TOKENS_KEPT}, then finds the
   * feed trimmed to exactly its retention and the tokens to exactly their keeping: what is older is
   * gone (so trimming ran), what is younger is all there (so it dropped no more).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Dialect.class)
  void feedAndTokensAreTrimmedToTheirKeepingAndNoFurther(Dialect dialect) {
    JdbcTarget target = JdbcTarget.fresh(dialect, POSTGRES::server, dir);
    long last = Retention.TOKEN_TRIM_EVERY * (Retention.TOKENS_KEPT / Retention.TOKEN_TRIM_EVERY + 1);
    try (Backend backend = new JdbcBackendProvider().open(
        new BackendUri(target.uri() + "&retention=" + RETENTION, dialect.scheme()))) {
      for (long r = 1; r <= last; r++) {
        assertEquals(r, backend.commit("kept", put("r" + r % 50, "tok-" + r)));
      }
      long oldestToken = last - Retention.TOKENS_KEPT + 1;
      assertEquals(OptionalLong.empty(), backend.committedRevision("kept", "tok-" + (oldestToken - 1)));
      assertEquals(OptionalLong.of(oldestToken), backend.committedRevision("kept", "tok-" + oldestToken));
      assertEquals(OptionalLong.of(last), backend.committedRevision("kept", "tok-" + last));
      assertEquals(Retention.TOKENS_KEPT, target.count("tokens"));

      assertThrows(CompactedException.class, () -> backend.changes("kept", last - RETENTION - 1, 10));
      assertEquals(RETENTION, backend.changes("kept", last - RETENTION, 1_000).size());
      assertEquals(RETENTION, target.count("changes"));
    }
  }

  private static CommitRequest put(String id, String token) {
    return new CommitRequest(List.of(),
        List.of(new Write("things", id, id.getBytes(StandardCharsets.UTF_8), Map.of())), token);
  }
}
