package dev.cairn.cli;

import static dev.cairn.cli.CliTest.cairn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Codec;
import dev.cairn.Schema;
import dev.cairn.Store;
import dev.cairn.cli.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn list}, {@code get} and {@code watch} against a journaled memory store written beforehand. */
class InspectCommandsTest {
  private static final Schema<byte[]> TASKS = Schema.of("tasks", Codec.bytes());
  private static final Schema<byte[]> NODES = Schema.of("nodes", Codec.bytes());

  @TempDir
  Path dir;
  String uri;

  /**
   * Writes, then closes (the store locks its directory): revision 1 creates tasks t1, t2 and
   * node n1; revision 2 updates t1; revision 3 creates t3 (binary) and t4 (quotes, é); revision
   * 4 deletes t2.
   */
  @BeforeEach
  void write() {
    uri = "memory:" + dir.resolve("data");
    try (Store store = Cairn.open(uri)) {
      store.update(tx -> {
        tx.create(TASKS, "t1", utf8("web"));
        tx.create(TASKS, "t2", utf8("db"));
        tx.create(NODES, "n1", utf8("node one"));
      });
      store.update(tx -> tx.update(TASKS, "t1", utf8("web v2")));
      store.update(tx -> {
        tx.create(TASKS, "t3", new byte[] {0, 1, 2, (byte) 0xff});
        tx.create(TASKS, "t4", utf8("say \"hé\" \\ ok"));
      });
      store.update(tx -> tx.delete(TASKS, "t2"));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Without a collection, list names each collection with its record count and value bytes. */
  @Test
  void listsCollectionsWithCounts() {
    Run run = cairn("list", uri);
    assertEquals(0, run.code(), run.err());
    assertEquals(String.join("\n",
        "COLLECTION  RECORDS  BYTES",
        "nodes             1      8",
        "tasks             3     24", ""), run.out());
    Run json = cairn("list", "--json", uri);
    assertEquals("{\"collection\":\"nodes\",\"records\":1,\"bytes\":8}\n"
        + "{\"collection\":\"tasks\",\"records\":3,\"bytes\":24}\n", json.out());
  }

  /** list's help says what is read at one revision and how the collection names relate to it. */
  @Test
  void listHelpSaysWhatIsReadAtOneRevision() {
    Run help = cairn("list", "--help");
    assertEquals(0, help.code());
    String text = help.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("Records and counts are read at one revision; the collection names just before it"), text);
  }

  /** A collection's records come in id order with version, create revision and value; binary as base64. */
  @Test
  void listsRecordsInIdOrder() {
    Run run = cairn("list", uri, "tasks");
    assertEquals(0, run.code(), run.err());
    assertEquals(String.join("\n",
        "ID  VERSION  CREATED  VALUE",
        "t1        2        1  web v2",
        "t3        3        3  base64:AAEC/w==",
        "t4        3        3  say \"hé\" \\ ok", ""), run.out());
    assertEquals("", run.err());
  }

  /** JSON output escapes text values properly and marks non-text values as base64. */
  @Test
  void listsRecordsAsJsonLines() {
    Run run = cairn("list", "--json", uri, "tasks");
    assertEquals(0, run.code(), run.err());
    assertEquals(
        "{\"collection\":\"tasks\",\"id\":\"t1\",\"version\":2,\"createRevision\":1,\"value\":\"web v2\"}\n"
        + "{\"collection\":\"tasks\",\"id\":\"t3\",\"version\":3,\"createRevision\":3,\"valueBase64\":\"AAEC/w==\"}\n"
        + "{\"collection\":\"tasks\",\"id\":\"t4\",\"version\":3,\"createRevision\":3,"
        + "\"value\":\"say \\\"hé\\\" \\\\ ok\"}\n", run.out());
  }

  /** --limit cuts the listing and says on stderr that more remain, after which id; --prefix narrows. */
  @Test
  void limitAndPrefix() {
    Run limited = cairn("list", "--limit", "2", uri, "tasks");
    assertEquals(0, limited.code(), limited.err());
    assertEquals(3, limited.out().lines().count(), limited.out());
    assertTrue(limited.err().contains("more records remain after t3"), limited.err());
    Run exact = cairn("list", "--limit", "3", uri, "tasks");
    assertFalse(exact.err().contains("more records remain"), "exactly the limit left is not 'more': " + exact.err());
    Run prefixed = cairn("list", "--prefix", "t4", "--json", uri, "tasks");
    assertEquals(1, prefixed.out().lines().count(), prefixed.out());
    assertTrue(prefixed.out().contains("\"id\":\"t4\""), prefixed.out());
  }

  /** An unknown collection is exit 1 naming it and the ones there are; an invalid name, a bad URI or limit exit 2. */
  @Test
  void badCollectionsAndUris() {
    Run unknown = cairn("list", uri, "task");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no collection 'task' in namespace default; collections: nodes, tasks"),
        unknown.err());
    Run invalid = cairn("list", uri, "Tasks!");
    assertEquals(Main.USAGE, invalid.code());
    assertTrue(invalid.err().contains("'Tasks!'"), invalid.err());
    Run badUri = cairn("list", "nosuch:x");
    assertEquals(Main.USAGE, badUri.code());
    assertTrue(badUri.err().contains("no backend for URI nosuch:x"), badUri.err());
    assertFalse(badUri.err().contains("Exception"), badUri.err());
    assertEquals(Main.USAGE, cairn("list", "--limit", "0", uri, "tasks").code());
    assertEquals(Main.USAGE, cairn("get", uri, "Tasks!", "t1").code());
  }

  /** get prints the records asked for, in the order asked, exit 0 when all exist. */
  @Test
  void getsRecords() {
    Run run = cairn("get", uri, "tasks", "t4", "t1");
    assertEquals(0, run.code(), run.err());
    assertEquals(String.join("\n",
        "ID  VERSION  CREATED  VALUE",
        "t4        3        3  say \"hé\" \\ ok",
        "t1        2        1  web v2", ""), run.out());
    Run json = cairn("get", "--json", uri, "nodes", "n1");
    assertEquals("{\"collection\":\"nodes\",\"id\":\"n1\",\"version\":1,\"createRevision\":1,\"value\":\"node one\"}\n",
        json.out());
  }

  /** get of an absent (here deleted) record prints the others, names the absent one and exits 1. */
  @Test
  void getOfAnAbsentRecordFails() {
    Run run = cairn("get", uri, "tasks", "t1", "t2");
    assertEquals(1, run.code());
    assertTrue(run.out().contains("t1        2        1  web v2"), run.out());
    assertTrue(run.err().contains("no record 't2' in tasks"), run.err());
    assertEquals(Main.USAGE, cairn("get", uri, "tasks", "").code(), "an empty id is invalid");
  }

  /** watch --from 1 --count N replays history: each change with its value, then a commit line per transaction. */
  @Test
  void watchReplaysHistory() {
    Run run = cairn("watch", "--from", "1", "--count", "4", uri);
    assertEquals(0, run.code(), run.err());
    assertEquals(String.join("\n",
        "1 CREATE tasks t1 web",
        "1 CREATE tasks t2 db",
        "1 CREATE nodes n1 node one",
        "1 COMMIT 3 changes",
        "2 UPDATE tasks t1 web v2",
        "2 COMMIT 1 change",
        "3 CREATE tasks t3 base64:AAEC/w==",
        "3 CREATE tasks t4 say \"hé\" \\ ok",
        "3 COMMIT 2 changes",
        "4 DELETE tasks t2 -",
        "4 COMMIT 1 change", ""), run.out());
    assertTrue(run.err().contains("watching namespace default from revision 1"), run.err());
  }

  /** --collection filters changes, --count counts the transactions delivered, --json prints objects. */
  @Test
  void watchFiltersAsJson() {
    Run run = cairn("watch", "--from", "2", "--count", "1", "--collection", "tasks", "--json", uri);
    assertEquals(0, run.code(), run.err());
    assertEquals("{\"revision\":2,\"type\":\"update\",\"collection\":\"tasks\",\"id\":\"t1\",\"createRevision\":1,"
        + "\"prevVersion\":1,\"value\":\"web v2\"}\n"
        + "{\"revision\":2,\"type\":\"commit\",\"changes\":1}\n", run.out());
    Run nodes = cairn("watch", "--from", "1", "--idle", "100ms", "--collection", "nodes", uri);
    assertEquals(0, nodes.code(), nodes.err());
    assertEquals("1 CREATE nodes n1 node one\n1 COMMIT 1 change\n", nodes.out());
  }

  /** Without --from only new changes show; --idle ends the watch when none come. */
  @Test
  void watchWithoutFromShowsOnlyNewChanges() {
    Run run = cairn("watch", "--idle", "150ms", uri);
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("from revision 5"), run.err());
    assertTrue(run.err().contains("no change for 0.15s; stopping"), run.err());
  }

  /** A --from older than the retained history is exit 2 naming the oldest retained revision. */
  @Test
  void watchFromCompactedHistory() {
    Run run = cairn("watch", "--from", "1", "--count", "1", uri + "?retention=2");
    assertEquals(Main.USAGE, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("the oldest retained revision is 3: use --from 3 or later"), run.err());
    assertEquals("", run.out());
    Run later = cairn("watch", "--from", "3", "--count", "2", uri + "?retention=2");
    assertEquals(0, later.code(), later.err());
    assertTrue(later.out().startsWith("3 CREATE tasks t3"), later.out());
  }

  /** Bad watch options are usage errors naming them. */
  @Test
  void watchUsageErrors() {
    Run idle = cairn("watch", "--idle", "soon", uri);
    assertEquals(Main.USAGE, idle.code());
    assertTrue(idle.err().contains("'soon' is not a duration"), idle.err());
    assertEquals(Main.USAGE, cairn("watch", "--from", "0", uri).code());
    assertEquals(Main.USAGE, cairn("watch", "--count", "0", uri).code());
    Run collection = cairn("watch", "--collection", "No", "--idle", "1ms", uri);
    assertEquals(Main.USAGE, collection.code());
    assertTrue(collection.err().contains("'No'"), collection.err());
  }

  /** The help lists the inspection commands; each has its own help; another namespace of the store is empty. */
  @Test
  void helpAndNamespaces() {
    Run help = cairn("--help");
    for (String command : new String[] {"list", "get", "watch"}) {
      assertTrue(help.out().matches("(?s).*\\n  " + command + " +\\S.*"), command + " in: " + help.out());
      Run own = cairn(command, "--help");
      assertEquals(0, own.code(), own.err());
      assertTrue(own.out().startsWith("Usage: cairn " + command), own.out());
    }
    Run other = cairn("list", uri + "?namespace=pool-1");
    assertEquals(0, other.code(), other.err());
    assertEquals("", other.out());
    assertTrue(other.err().contains("namespace pool-1 holds no records"), other.err());
  }
}
