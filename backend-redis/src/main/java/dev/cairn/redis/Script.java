package dev.cairn.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts of the backend, each run by its SHA-1 ({@code EVALSHA}) and sent whole
 * ({@code EVAL}, which also caches it) only when the server answers {@code NOSCRIPT}: after a
 * restart, a {@code SCRIPT FLUSH}, or on a cluster node that never ran it. Every script takes the
 * namespace's key base as its only key, so a cluster routes it to the namespace's slot.
 */
enum Script {
  COMMIT("commit.lua"),
  SCAN("scan.lua"),
  LOOKUP("lookup.lua"),
  CHANGES("changes.lua"),
  COMPACT("compact.lua"),
  RESOLVE("resolve.lua");

  private final byte[] body;
  private final String sha;

  Script(String resource) {
    try (InputStream in = Script.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("script resource " + resource + " is missing from the jar");
      }
      this.body = in.readAllBytes();
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the SHA-1 the server caches the script by. */
  String sha() {
    return sha;
  }

  /**
   * Runs the script on the namespace whose key base is {@code base}; one round trip, two after a
   * {@code NOSCRIPT} (which means the script did not run).
   *
   * @return the script's reply as Lettuce's multi-bulk output: lists of {@code byte[]},
   *     {@code Long} and null
   */
  List<Object> run(RedisClusterCommands<byte[], byte[]> redis, byte[] base, byte[]... args) {
    byte[][] keys = {base};
    try {
      return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(body, ScriptOutputType.MULTI, keys, args);
    }
  }

  /** Runs a script that returns one integer. */
  long runForLong(RedisClusterCommands<byte[], byte[]> redis, byte[] base, byte[]... args) {
    byte[][] keys = {base};
    Long result;
    try {
      result = redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    } catch (RedisNoScriptException e) {
      result = redis.eval(body, ScriptOutputType.INTEGER, keys, args);
    }
    return result;
  }
}
