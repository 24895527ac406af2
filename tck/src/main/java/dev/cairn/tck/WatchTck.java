package dev.cairn.tck;

/** The change feed: order, gaps, atomicity, replay, compaction, slow watchers, resume. */
public interface WatchTck extends TckArea {
}
