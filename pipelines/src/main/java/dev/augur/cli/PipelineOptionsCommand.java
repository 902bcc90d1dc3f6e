package dev.augur.cli;

import dev.augur.pipelines.Launch;
import dev.augur.pipelines.config.InvalidOptionException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Builds a picocli command whose options are the Augur options of a Beam {@link PipelineOptions}
 * interface, so the pipeline's options interface is the one source of truth for names,
 * descriptions and defaults. Options that are not Augur's own ({@code --runner},
 * {@code --flinkMaster}, AWS options, ...) pass through to Beam, which rejects unknown names.
 */
public final class PipelineOptionsCommand {
  private PipelineOptionsCommand() {}

  /** One option of an options interface, read from its getter. */
  public record OptionDoc(
      String name, String description, String defaultValue, boolean required, Class<?> type) {}

  /** The Augur-defined options of {@code optionsClass}, grouped by mixin in declaration order. */
  public static List<OptionDoc> describe(Class<? extends PipelineOptions> optionsClass) {
    Map<String, OptionDoc> out = new LinkedHashMap<>();
    for (Class<?> iface : augurInterfaces(optionsClass)) {
      Method[] methods = iface.getDeclaredMethods();
      // Reflection promises no order; sort by name so help and templates are stable everywhere.
      Arrays.sort(methods, Comparator.comparing(Method::getName));
      for (Method m : methods) {
        String property = property(m);
        if (property == null || out.containsKey(property)) {
          continue;
        }
        Description d = m.getAnnotation(Description.class);
        out.put(
            property,
            new OptionDoc(
                property,
                d == null ? "" : d.value(),
                defaultOf(m),
                m.isAnnotationPresent(Validation.Required.class),
                m.getReturnType()));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** What a pipeline command does with its Beam arguments; returns the exit status. */
  @FunctionalInterface
  public interface Action {
    int run(String[] beamArgs) throws Exception;
  }

  /**
   * A picocli command listing the options of {@code optionsClass}, which calls {@code action}
   * with the Beam arguments of the parsed command line.
   */
  public static CommandLine command(
      String name,
      String description,
      Class<? extends PipelineOptions> optionsClass,
      Action action) {
    CommandSpec[] self = new CommandSpec[1];
    Callable<Integer> call = () -> action.run(beamArgs(self[0].commandLine().getParseResult()));
    CommandSpec spec = CommandSpec.wrapWithoutInspection(call);
    self[0] = spec;
    spec.name(name).mixinStandardHelpOptions(true);
    spec.usageMessage()
        .description(description)
        .footer(
            "",
            "Options are given as --name=value. Runner and IO options pass through to Beam, for"
                + " example --runner=FlinkRunner --flinkMaster='[local]' --parallelism=2, or"
                + " --awsRegion=eu-west-1 --endpoint=http://127.0.0.1:5000, which serve S3 and every"
                + " AWS service the command uses (Kinesis, CloudWatch, SNS, Incident Manager): the"
                + " endpoint of a local emulator, say. Without --awsRegion the region is"
                + " AWS_REGION's (or AWS_DEFAULT_REGION's) or the profile's.");
    spec.parser().unmatchedArgumentsAllowed(true).unmatchedOptionsArePositionalParams(false);
    for (OptionDoc doc : describe(optionsClass)) {
      StringBuilder text = new StringBuilder(doc.description());
      if (doc.required()) {
        text.append(" Required.");
      } else if (doc.defaultValue() != null) {
        text.append(" Default: ").append(doc.defaultValue().isEmpty() ? "(empty)" : doc.defaultValue());
      }
      OptionSpec.Builder option =
          OptionSpec.builder("--" + doc.name())
              .paramLabel("<" + doc.name() + ">")
              .type(String.class)
              // picocli formats descriptions: a literal % must be doubled.
              .description(text.toString().replace("%", "%%"))
              // picocli then names a missing one itself, before Beam parses anything.
              .required(doc.required());
      if (doc.type() == Boolean.class || doc.type() == boolean.class) {
        // A switch: --name alone means true, as Beam reads it, and --name=false still works;
        // typed boolean, it takes a following argument only when that reads true or false.
        option.type(Boolean.class).arity("0..1").fallbackValue("true");
      }
      spec.addOption(option.build());
    }
    return new CommandLine(spec);
  }

  /**
   * Beam arguments for a parsed command: every option given on the command line as
   * {@code --name=value}, followed by the unmatched pass-through arguments.
   */
  public static String[] beamArgs(CommandLine.ParseResult parsed) {
    List<String> args = new ArrayList<>();
    for (OptionSpec o : parsed.matchedOptions()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      args.add(o.longestName() + "=" + o.getValue());
    }
    for (String u : parsed.unmatched()) {
      if (!u.startsWith("--")) {
        throw new CommandLine.ParameterException(
            parsed.commandSpec().commandLine(),
            "unexpected argument '" + u + "': options are given as --name=value");
      }
      if (u.startsWith("--metricsSink=") && !u.contains(".")) {
        // Beam's own --metricsSink names a MetricsSink class; the runners read it, so Augur's
        // option cannot share the name.
        throw new CommandLine.ParameterException(
            parsed.commandSpec().commandLine(),
            "--metricsSink is Beam's option for a metrics sink class; Augur's metrics go to"
                + " --metricSink=CLOUDWATCH|EMF|FILE");
      }
      args.add(u);
    }
    return args.toArray(new String[0]);
  }

  /** Parses Beam arguments into validated options, failing with the option's name. */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> optionsClass) {
    PipelineOptionsFactory.register(optionsClass);
    T options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(optionsClass);
    } catch (IllegalArgumentException e) {
      throw unknownOption(e, optionsClass);
    }
    Launch.requireTempLocation(options, args);
    return options;
  }

  private static final Pattern UNKNOWN =
      Pattern.compile(
          "Class interface \\S+ missing a property named '([^']+)'\\.(?: Did you mean (.+)\\?)?");

  /**
   * Beam's complaint about an option no interface declares, in the command's words: the option's
   * name rather than the options interface's, the names Beam suggests as options, and any Augur
   * option whose name holds the one given (--labels: --anomalyLabels).
   */
  static IllegalArgumentException unknownOption(
      IllegalArgumentException e, Class<? extends PipelineOptions> optionsClass) {
    Matcher m = UNKNOWN.matcher(String.valueOf(e.getMessage()));
    if (!m.matches()) {
      return e;
    }
    String name = m.group(1);
    Set<String> suggestions = new LinkedHashSet<>();
    if (m.group(2) != null) {
      Matcher quoted = Pattern.compile("'([^']+)'").matcher(m.group(2));
      while (quoted.find()) {
        suggestions.add("--" + quoted.group(1));
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (OptionDoc d : describe(optionsClass)) {
      if (d.name().toLowerCase(Locale.ROOT).contains(lower)) {
        suggestions.add("--" + d.name());
      }
    }
    return new InvalidOptionException(
        name,
        "is not an option of this command"
            + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
            + " (--help lists them)");
  }

  private static Set<Class<?>> augurInterfaces(Class<?> root) {
    Set<Class<?>> out = new LinkedHashSet<>();
    collect(root, out);
    return out;
  }

  private static void collect(Class<?> iface, Set<Class<?>> out) {
    for (Class<?> parent : iface.getInterfaces()) {
      collect(parent, out);
    }
    if (iface.getName().startsWith("dev.augur.")) {
      out.add(iface);
    }
  }

  private static String property(Method m) {
    String n = m.getName();
    if (m.getParameterCount() != 0) {
      return null;
    }
    if (n.startsWith("get") && n.length() > 3) {
      return Character.toLowerCase(n.charAt(3)) + n.substring(4);
    }
    if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
      return Character.toLowerCase(n.charAt(2)) + n.substring(3);
    }
    return null;
  }

  private static String defaultOf(Method m) {
    if (m.isAnnotationPresent(Default.String.class)) {
      return m.getAnnotation(Default.String.class).value();
    }
    if (m.isAnnotationPresent(Default.Integer.class)) {
      return String.valueOf(m.getAnnotation(Default.Integer.class).value());
    }
    if (m.isAnnotationPresent(Default.Long.class)) {
      return String.valueOf(m.getAnnotation(Default.Long.class).value());
    }
    if (m.isAnnotationPresent(Default.Double.class)) {
      return String.valueOf(m.getAnnotation(Default.Double.class).value());
    }
    if (m.isAnnotationPresent(Default.Boolean.class)) {
      return String.valueOf(m.getAnnotation(Default.Boolean.class).value());
    }
    if (m.isAnnotationPresent(Default.Enum.class)) {
      return m.getAnnotation(Default.Enum.class).value();
    }
    return null;
  }
}
