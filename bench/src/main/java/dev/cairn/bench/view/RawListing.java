package dev.cairn.bench.view;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The raw baseline of the view benchmark: the same {@value Items#RECORDS} records, in id order,
 * decoded the same way (UTF-8 text), read without Cairn. Each implementation reads
 * <em>Cairn's own rows and keys</em> of the namespace, so that under the writer it meets the
 * same churn (PostgreSQL's dead tuples, SQLite's growing WAL, Redis' busy server); none is
 * consistent at one revision, which is the work Cairn's view adds. Not thread-safe: one per
 * benchmark thread.
 */
abstract class RawListing implements AutoCloseable {
  /** A listed record. */
  record Row(String id, String value) {}

  /** Lists every record of the collection, in id order. */
  abstract List<Row> listAll() throws SQLException;

  @Override
  public void close() throws SQLException {}

  /**
   * Memory: a copy of a {@code ConcurrentSkipListMap<id, encoded value>} into a list, decoding
   * each value; under the writer, the map takes each of its writes too, so the raw read meets the
   * same churn from the other core.
   */
  static final class FromMap extends RawListing {
    private final ConcurrentSkipListMap<String, byte[]> map;

    FromMap(ConcurrentSkipListMap<String, byte[]> map) {
      this.map = map;
    }

    @Override
    List<Row> listAll() {
      List<Row> rows = new ArrayList<>(map.size());
      for (Map.Entry<String, byte[]> e : map.entrySet()) {
        rows.add(new Row(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)));
      }
      return rows;
    }
  }

  /**
   * SQLite and PostgreSQL: one {@code SELECT id, payload FROM cairn_records WHERE ns = ? AND
   * coll = ? ORDER BY id} on a prepared statement, autocommit on: the backend's records table
   * (schema 4: ids are their UTF-8 bytes), read in one statement, one snapshot.
   */
  static final class FromJdbc extends RawListing {
    private final Connection connection;
    private final PreparedStatement select;

    FromJdbc(String url) throws SQLException {
      connection = DriverManager.getConnection(url);
      if (url.startsWith("jdbc:sqlite:")) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA busy_timeout=5000"); // the file is already in WAL mode: Cairn set it
        }
      }
      select = connection.prepareStatement(
          "SELECT id, payload FROM cairn_records WHERE ns = ? AND coll = ? ORDER BY id");
      select.setString(1, Items.NAMESPACE);
      select.setString(2, Items.SCHEMA.collection());
    }

    @Override
    List<Row> listAll() throws SQLException {
      List<Row> rows = new ArrayList<>(Items.RECORDS);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(new String(rs.getBytes(1), StandardCharsets.UTF_8),
              new String(rs.getBytes(2), StandardCharsets.UTF_8)));
        }
      }
      return rows;
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /**
   * Redis: the backend's keys of the namespace read with plain commands, in pages of 1,000 as
   * Cairn's {@code listAll} pages: {@code ZRANGEBYLEX {cairn:bench}:o:items (last + LIMIT 0 1000}
   * for the ids, then one {@code HMGET {cairn:bench}:r items\0id…} for their records
   * ({@code createRevision,modRevision,value}), whose value is decoded. Two round trips a page
   * where Cairn's scan script makes one, and no check that the pages are of one revision.
   */
  static final class FromRedis extends RawListing {
    private static final int PAGE = 1000;
    private static final byte[] IDS_KEY = utf8("{cairn:" + Items.NAMESPACE + "}:o:" + Items.SCHEMA.collection());
    private static final byte[] RECORDS_KEY = utf8("{cairn:" + Items.NAMESPACE + "}:r");
    private static final byte[] FIELD_PREFIX = utf8(Items.SCHEMA.collection() + "\0");

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;

    FromRedis(String uri) {
      client = RedisClient.create(uri);
      connection = client.connect(ByteArrayCodec.INSTANCE);
      redis = connection.sync();
    }

    private static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    List<Row> listAll() {
      List<Row> rows = new ArrayList<>(Items.RECORDS);
      Range.Boundary<byte[]> lower = Range.Boundary.unbounded();
      while (true) {
        List<byte[]> ids = redis.zrangebylex(IDS_KEY, Range.from(lower, Range.Boundary.unbounded()),
            Limit.create(0, PAGE));
        if (ids.isEmpty()) {
          return rows;
        }
        byte[][] fields = new byte[ids.size()][];
        for (int i = 0; i < fields.length; i++) {
          byte[] id = ids.get(i);
          byte[] field = new byte[FIELD_PREFIX.length + id.length];
          System.arraycopy(FIELD_PREFIX, 0, field, 0, FIELD_PREFIX.length);
          System.arraycopy(id, 0, field, FIELD_PREFIX.length, id.length);
          fields[i] = field;
        }
        var records = redis.hmget(RECORDS_KEY, fields);
        for (int i = 0; i < fields.length; i++) {
          byte[] packed = records.get(i).getValue(); // createRevision,modRevision,value
          int start = indexOf(packed, indexOf(packed, 0) + 1) + 1;
          rows.add(new Row(new String(ids.get(i), StandardCharsets.UTF_8),
              new String(packed, start, packed.length - start, StandardCharsets.UTF_8)));
        }
        if (ids.size() < PAGE) {
          return rows;
        }
        lower = Range.Boundary.excluding(ids.get(ids.size() - 1));
      }
    }

    /** The index of the first comma at or after {@code from}. */
    private static int indexOf(byte[] packed, int from) {
      for (int i = from; i < packed.length; i++) {
        if (packed[i] == ',') {
          return i;
        }
      }
      throw new IllegalStateException("not a packed record: no comma after " + from);
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }
}
