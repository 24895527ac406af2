package dev.cairn.tck;

import dev.cairn.Codec;
import dev.cairn.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The value type the kit stores: a scheduler's task with a name, a node, labels and a
 * counter. {@link #TASKS} is named and indexed by node and label; {@link #PLAIN} has neither.
 *
 * @param name the task's unique name, or null for none
 * @param node the node the task runs on (indexed as {@code node}), or empty
 * @param labels labels (indexed as {@code label}, zero or more keys)
 * @param counter a number transactions increment
 */
public record Task(String name, String node, List<String> labels, long counter) {
  private static final char SEP = '\u0001';
  private static final char LABEL_SEP = '\u0002';

  /** The codec of tasks: fields joined by control characters, UTF-8. */
  public static final Codec<Task> CODEC = new Codec<>() {
    @Override public byte[] encode(Task t) {
      return (nullToEmpty(t.name) + SEP + (t.name == null ? "0" : "1") + SEP + t.node + SEP
          + String.join(String.valueOf(LABEL_SEP), t.labels) + SEP + t.counter).getBytes(StandardCharsets.UTF_8);
    }

    @Override public Task decode(byte[] bytes) {
      String[] f = new String(bytes, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
      if (f.length != 5) {
        throw new IllegalArgumentException("not a task: " + f.length + " fields");
      }
      List<String> labels = f[3].isEmpty() ? List.of() : Arrays.asList(f[3].split(String.valueOf(LABEL_SEP), -1));
      return new Task(f[1].equals("1") ? f[0] : null, f[2], labels, Long.parseLong(f[4]));
    }

    @Override public String toString() {
      return "Task.CODEC";
    }
  };

  /** Tasks: named, indexed by {@code node} and {@code label}. */
  public static final Schema<Task> TASKS = Schema.builder("tasks", CODEC)
      .name(Task::name)
      .index("node", t -> t.node.isEmpty() ? List.of() : List.of(t.node))
      .index("label", Task::labels)
      .build();

  /** A plain collection of strings, without name or index. */
  public static final Schema<String> PLAIN = Schema.of("plain", Codec.utf8());

  /** Checks and copies the components. */
  public Task {
    Objects.requireNonNull(node, "node");
    labels = List.copyOf(labels);
  }

  /** A task with a name only. */
  public static Task named(String name) {
    return new Task(name, "", List.of(), 0);
  }

  /** A task with a name and a node. */
  public static Task on(String name, String node) {
    return new Task(name, node, List.of(), 0);
  }

  /** Returns a copy with another name. */
  public Task withName(String newName) {
    return new Task(newName, node, labels, counter);
  }

  /** Returns a copy on another node. */
  public Task withNode(String newNode) {
    return new Task(name, newNode, labels, counter);
  }

  /** Returns a copy with other labels. */
  public Task withLabels(String... newLabels) {
    return new Task(name, node, new ArrayList<>(Arrays.asList(newLabels)), counter);
  }

  /** Returns a copy with another counter. */
  public Task withCounter(long value) {
    return new Task(name, node, labels, value);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
