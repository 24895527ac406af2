package dev.cairn.tck;

/** Serializable transactions: read-your-writes, rollback, anomalies prevented, compare-and-set, retries. */
public interface TransactionsTck extends TckArea {
}
