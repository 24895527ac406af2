package dev.cairn;

/**
 * What a batch committed.
 *
 * @param transactions the number of transactions committed
 * @param changes the number of writes committed
 * @param lastRevision the revision of the last committed transaction, 0 if none
 */
public record BatchResult(int transactions, long changes, long lastRevision) {}
