package dev.cairn.tck;

/** Store export, import and live migration. */
public interface ArchiveTck extends TckArea {}
