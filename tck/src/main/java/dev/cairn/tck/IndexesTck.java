package dev.cairn.tck;

/** Secondary indexes: exact and prefix lookup, Or unions, boundaries. */
public interface IndexesTck extends TckArea {
}
