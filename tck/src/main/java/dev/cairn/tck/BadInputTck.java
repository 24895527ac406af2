package dev.cairn.tck;

/** Bad input: every InvalidArgument and TooLarge case, and that nothing is written. */
public interface BadInputTck extends TckArea {
}
