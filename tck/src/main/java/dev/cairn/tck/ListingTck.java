package dev.cairn.tck;

/** Listing by id range and prefix, with cursors and page sizes. */
public interface ListingTck extends TckArea {
}
