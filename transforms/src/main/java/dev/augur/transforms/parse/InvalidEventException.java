package dev.augur.transforms.parse;

/** A record that cannot become an {@link dev.augur.transforms.records.Event}; the message says why. */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String message) {
    super(message);
  }
}
