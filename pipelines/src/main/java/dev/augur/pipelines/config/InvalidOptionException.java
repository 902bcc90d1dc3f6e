package dev.augur.pipelines.config;

/** A configuration error, raised before any work starts, that names the offending option. */
public class InvalidOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String option;

  public InvalidOptionException(String option, String problem) {
    super("--" + option + " " + problem);
    this.option = option;
  }

  /** The option's name, without dashes. */
  public String option() {
    return option;
  }
}
