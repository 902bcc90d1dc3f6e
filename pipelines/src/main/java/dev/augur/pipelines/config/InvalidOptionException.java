package dev.augur.pipelines.config;

/** A configuration error, raised before any work starts, that names the offending option. */
public class InvalidOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String option;

  public InvalidOptionException(String option, String problem) {
    super("--" + option + " " + problem);
    this.option = option;
  }

  /** The same, keeping the failure that revealed the problem (a lookup of an unknown host). */
  public InvalidOptionException(String option, String problem, Throwable cause) {
    super("--" + option + " " + problem, cause);
    this.option = option;
  }

  /** The option's name, without dashes. */
  public String option() {
    return option;
  }
}
