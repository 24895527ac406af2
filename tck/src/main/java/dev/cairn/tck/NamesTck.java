package dev.cairn.tck;

/** Unique case-insensitive names: conflicts on create and update, rename, lookup. */
public interface NamesTck extends TckArea {
}
