package dev.cairn.tck;

/** Namespace and collection isolation. */
public interface NamespacesTck extends TckArea {
}
