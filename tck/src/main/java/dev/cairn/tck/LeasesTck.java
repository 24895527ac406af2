package dev.cairn.tck;

/** Leases with fencing tokens: mutual exclusion, expiry by the backend's clock, renew, release. */
public interface LeasesTck extends TckArea {}
