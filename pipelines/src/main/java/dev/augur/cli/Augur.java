package dev.augur.cli;

import dev.augur.pipelines.config.Spelling;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import picocli.CommandLine.Command;

/**
 * The {@code augur} command line. Each subcommand is a thin shell around one pipeline or tool;
 * pipeline commands take their options from the pipeline's options interface.
 *
 * <pre>{@code
 * bin/augur demo
 * bin/augur generate --output=/tmp/events --series=20 --days=28
 * bin/augur batch --input='/tmp/events/*.jsonl.gz' --output=/tmp/forecast --window=15m
 * }</pre>
 */
@Command(
    name = "augur",
    mixinStandardHelpOptions = true,
    versionProvider = Augur.Version.class,
    description = "Watch streaming metrics against machine-learned forecasts.",
    footer = {
      "",
      "bin/augur test runs the test suite with the local services it needs.",
      "Run 'bin/augur <command> --help' for a command's options and their defaults."
    })
public final class Augur {

  /** Exit status of a configuration error. */
  static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Augur());
    cli.addSubcommand("demo", new DemoCommand());
    cli.addSubcommand("generate", new GenerateCommand());
    cli.addSubcommand(
        "batch",
        PipelineOptionsCommand.command(
            "batch",
            "Read event history, aggregate it per window with Beam SQL, train XGBoost models and "
                + "write forecasts with prediction intervals.",
            BatchOptions.class,
            BatchCommand::run));
    cli.addSubcommand(
        "stream",
        PipelineOptionsCommand.command(
            "stream",
            "Read live events, compare each window with the latest forecast, write metrics and "
                + "open, update and resolve incidents on sustained deviations.",
            StreamOptions.class,
            StreamCommand::run));
    cli.addSubcommand(
        "archive",
        PipelineOptionsCommand.command(
            "archive",
            "Read live events and archive them to files partitioned by event time (dt=/hour=),"
                + " which the batch pipeline reads back; lines it would refuse are dead-lettered.",
            ArchiveOptions.class,
            ArchiveCommand::run));
    cli.addSubcommand("versions", new VersionsCommand());
    cli.addSubcommand(
        "backtest",
        PipelineOptionsCommand.command(
            "backtest",
            "Replay event history walk-forward: retrain periodically on the past only, compare "
                + "each window with the forecast, run the alarm state machine, and score the "
                + "incidents against labelled anomalies.",
            BacktestOptions.class,
            BacktestCommand::run));
    cli.addSubcommand("produce", new ProduceCommand());
    cli.addSubcommand("nab", new NabCommand());
    cli.addSubcommand("report", new ReportCommand());
    cli.addSubcommand("templates", new TemplatesCommand());
    cli.addSubcommand("benchmark", new BenchmarkCommand());
    cli.setExecutionExceptionHandler(new Errors());
    cli.setParameterExceptionHandler(new MisspeltRequired(cli.getParameterExceptionHandler()));
    // Pipeline options take their choices in any case; the command's own options do the same.
    // Set after the subcommands are added, since picocli applies it to those present.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * What to give when S3 addressed a bucket by host name on a private {@code --endpoint} ({@code
   * bucket.localhost}), which S3-compatible stores do not resolve; empty when {@code unknownHost}
   * is not such a name.
   */
  static String pathStyleHint(@Nullable String unknownHost, List<String> args) {
    if (unknownHost == null) {
      return "";
    }
    // The first failed lookup reads "host: Name or service not known"; a cached one, the host.
    String name = unknownHost.split("[:\\s]", 2)[0];
    for (String a : args) {
      if (!a.startsWith("--endpoint=")) {
        continue;
      }
      String host;
      try {
        host = java.net.URI.create(a.substring("--endpoint=".length()).trim()).getHost();
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (host != null && name.endsWith("." + host)) {
        return "S3 addressed the bucket as the host " + name + ", which an S3-compatible"
            + " store on --endpoint (moto, MinIO, Ceph) does not serve; give"
            + " --s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory"
            + " to address buckets by path";
      }
    }
    return "";
  }

  /** Prints configuration errors as one line naming the option, and others with their cause. */
  static final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      Throwable t = e;
      while (t.getCause() != null && !(t instanceof IllegalArgumentException)) {
        t = t.getCause();
      }
      if (t instanceof IllegalArgumentException) {
        String message = t.getMessage();
        if (message != null && message.startsWith("expected one element but was")) {
          // Beam's words for a pipeline option given twice.
          List<String> repeated = repeatedOptions(cmd.getParseResult());
          message = (repeated.isEmpty() ? "an option is given more than once"
              : String.join(", ", repeated) + " " + (repeated.size() == 1 ? "is" : "are")
                  + " given more than once")
              + " (" + message + "); give each once";
        }
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
          if (c instanceof java.net.UnknownHostException) {
            // A location that could not be listed because S3 named the bucket as a host.
            String pathStyle =
                pathStyleHint(c.getMessage(), parsed == null ? List.of() : parsed.originalArgs());
            message += pathStyle.isEmpty() ? "" : " (" + pathStyle + ")";
            break;
          }
        }
        cmd.getErr().println("augur " + cmd.getCommandName() + ": " + message);
        return EXIT_USAGE;
      }
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException) {
          // A server that does not answer (a Flink cluster, an endpoint, brokers): the address is
          // what to fix, and the stack trace says nothing more.
          String pathStyle =
              c instanceof java.net.UnknownHostException
                  ? pathStyleHint(c.getMessage(), parsed == null ? List.of() : parsed.originalArgs())
                  : "";
          cmd.getErr().println(
              "augur " + cmd.getCommandName() + " failed: cannot connect ("
                  + c.getClass().getSimpleName() + ": " + c.getMessage() + "); "
                  + (pathStyle.isEmpty()
                      ? "check the address given (--flinkMaster, --endpoint, the brokers) and that"
                          + " the service is up"
                      : pathStyle));
          return 1;
        }
      }
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SdkClientException
            && c.getMessage() != null
            && c.getMessage().startsWith("Unable to load credentials")) {
          // The SDK's message lists every provider of its chain and why each failed.
          cmd.getErr().println(
              "augur " + cmd.getCommandName() + " failed: no AWS credentials were found (none in"
                  + " the environment, the system properties, a profile or a container or"
                  + " instance role); give AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile"
                  + " (AWS_PROFILE, ~/.aws/credentials), a role, or --awsCredentialsProvider");
          return 1;
        }
      }
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof AwsServiceException refused) {
          // A request AWS (or its stand-in) refused: a name, a region or credentials to fix.
          AwsErrorDetails d = refused.awsErrorDetails();
          cmd.getErr().println(
              "augur " + cmd.getCommandName() + " failed: "
                  + (d == null || d.serviceName() == null ? "AWS" : d.serviceName())
                  + " refused a request (HTTP " + refused.statusCode()
                  + (d == null || d.errorCode() == null ? "" : " " + d.errorCode()) + ": "
                  + (d == null || d.errorMessage() == null ? refused.getMessage() : d.errorMessage())
                  + "); check the names given (stream, bucket, topic), the region (--awsRegion,"
                  + " AWS_REGION) and the credentials");
          return 1;
        }
      }
      cmd.getErr().println("augur " + cmd.getCommandName() + " failed:");
      e.printStackTrace(cmd.getErr());
      return 1;
    }
  }

  /** The {@code --name} options given more than once in {@code parsed}'s arguments, in order. */
  static List<String> repeatedOptions(CommandLine.@Nullable ParseResult parsed) {
    List<String> seen = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    if (parsed == null) {
      return repeated;
    }
    for (String arg : parsed.originalArgs()) {
      if (!arg.startsWith("--")) {
        continue;
      }
      String name = arg.split("=", 2)[0];
      if (seen.contains(name) && !repeated.contains(name)) {
        repeated.add(name);
      }
      seen.add(name);
    }
    return repeated;
  }

  /**
   * A required option reported missing because it was misspelt ({@code --forecast=...}): says so,
   * with the option meant, rather than "Missing required option" and the whole usage. Anything
   * else goes to picocli's own handling.
   */
  static final class MisspeltRequired implements CommandLine.IParameterExceptionHandler {
    private final CommandLine.IParameterExceptionHandler next;

    MisspeltRequired(CommandLine.IParameterExceptionHandler next) {
      this.next = next;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args)
        throws Exception {
      if (e instanceof CommandLine.MissingParameterException missing) {
        for (String arg : args) {
          if (!arg.startsWith("--")) {
            continue;
          }
          String given = arg.substring(2).split("=", 2)[0];
          for (CommandLine.Model.ArgSpec spec : missing.getMissing()) {
            if (!(spec instanceof CommandLine.Model.OptionSpec option)) {
              continue;
            }
            String meant = option.longestName().replaceFirst("^-+", "");
            if (!given.equals(meant) && Spelling.closeTo(given, meant)) {
              e.getCommandLine().getErr().printf(
                  "augur %s: --%s is not an option of this command; did you mean --%s? (--help"
                      + " lists them)%n",
                  e.getCommandLine().getCommandName(), given, meant);
              return EXIT_USAGE;
            }
          }
        }
      }
      return next.handleParseException(e, args);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Augur.class.getPackage().getImplementationVersion();
      return new String[] {"augur " + (v == null ? "development build" : v)};
    }
  }
}
