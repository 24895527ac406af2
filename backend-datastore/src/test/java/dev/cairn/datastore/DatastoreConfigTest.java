package dev.cairn.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.InvalidArgumentException;
import dev.cairn.spi.BackendUri;
import org.junit.jupiter.api.Test;

/** Reading {@code datastore://} URIs: what is accepted, and the error naming what is wrong. */
class DatastoreConfigTest {
  private static DatastoreConfig read(String uri, String environmentHost) {
    return DatastoreConfig.from(new BackendUri(uri, "datastore"), environmentHost);
  }

  @Test
  void readsProjectDatabaseAndParameters() {
    DatastoreConfig c = read("datastore://my-project/orders?emulatorHost=localhost:8081&prefix=app.1&retention=50"
        + "&pollMillis=20&timeout=5000&maxWritesPerCommit=100&namespace=ns", null);
    assertEquals("my-project", c.project);
    assertEquals("orders", c.database);
    assertEquals("localhost:8081", c.emulatorHost);
    assertEquals("app.1", c.prefix);
    assertEquals(50, c.retention);
    assertEquals(20, c.pollInterval.toMillis());
    assertEquals(5000, c.timeout.toMillis());
    assertEquals(100, c.maxWritesPerCommit);
    assertEquals(DatastoreConfig.EMULATOR_REQUEST_BYTES, c.maxRequestBytes);
  }

  @Test
  void defaultsToTheServiceAndTheDefaultDatabase() {
    DatastoreConfig c = read("datastore://example.com:legacy-project", null);
    assertEquals("example.com:legacy-project", c.project);
    assertNull(c.database);
    assertNull(c.emulatorHost);
    assertEquals("cairn", c.prefix);
    assertEquals(DatastoreConfig.SERVICE_REQUEST_BYTES, c.maxRequestBytes);
    assertTrue(c.maxCommitBytes() > DatastoreConfig.MAX_VALUE_BYTES);
    assertNull(read("datastore://p/(default)", null).database, "the default database by its id");
  }

  @Test
  void choosesHowPointReadsGetOneSnapshot() {
    assertEquals(DatastoreConfig.Lookups.SINGLE, read("datastore://p", null).lookups, "the service");
    assertEquals(DatastoreConfig.Lookups.BY_SERVER, read("datastore://p?emulatorHost=h:1", null).lookups,
        "an emulator, whose answers tell which one it is");
    assertEquals(DatastoreConfig.Lookups.TRANSACTIONAL,
        read("datastore://p?lookups=transactional", null).lookups);
    assertEquals(DatastoreConfig.Lookups.SINGLE, read("datastore://p?emulatorHost=h:1&lookups=single", null).lookups);
  }

  @Test
  void takesTheEmulatorFromTheEnvironment() {
    assertEquals("127.0.0.1:9000", read("datastore://p", "127.0.0.1:9000").emulatorHost);
    assertEquals("[::1]:9001", read("datastore://p?emulatorHost=[::1]:9001", "127.0.0.1:9000").emulatorHost);
  }

  @Test
  void refusesMalformedUrisNamingWhatIsWrong() {
    assertRefused("datastore:p", "must look like");
    assertRefused("datastore://", "must look like");
    assertRefused("datastore://bad project", "malformed project");
    assertRefused("datastore://p/Bad_DB", "malformed database");
    assertRefused("datastore://p?emulatorHost=nohostport", "host:port");
    assertRefused("datastore://p?prefix=a/b", "prefix");
    assertRefused("datastore://p?retention=0", "retention");
    assertRefused("datastore://p?maxWritesPerCommit=161", "maxWritesPerCommit");
    assertRefused("datastore://p?colour=blue", "unknown parameter 'colour'");
    assertRefused("datastore://p?lookups=SINGLE", "must be single or transactional");
  }

  @Test
  void showsNoCredentialEvenIfOneIsPutInTheUri() {
    DatastoreConfig c = read("datastore://p?emulatorHost=h:1&namespace=n", null);
    assertEquals("datastore://p?emulatorHost=h:1&namespace=n", c.toString());
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> read("datastore://p?access_token=s3cret-value", null));
    assertTrue(!e.getMessage().contains("s3cret-value"), e.getMessage());
  }

  private static void assertRefused(String uri, String says) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> read(uri, null));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }
}
