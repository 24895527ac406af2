package dev.cairn;

/** What a change did to a record. */
public enum ChangeType {
  /** The record did not exist before. */
  CREATE,
  /** The record existed and got a new value. */
  UPDATE,
  /** The record was removed. */
  DELETE
}
