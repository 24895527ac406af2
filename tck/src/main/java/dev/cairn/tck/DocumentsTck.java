package dev.cairn.tck;

/** Large state documents: chunked, generation-checked, cleaned. */
public interface DocumentsTck extends TckArea {}
