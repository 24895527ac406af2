package dev.cairn.tck;

/** Operator phases: modify, commit, finish. */
public interface OperatorsTck extends TckArea {
}
