package dev.augur.runners;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template evaluated as the service would for given parameter values (defaults
 * elsewhere), for the intrinsic functions Augur's templates use: {@code Ref} (parameters, pseudo
 * parameters), {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code
 * Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::If} with the template's conditions,
 * {@code Fn::GetAtt} of a role's {@code Arn}, and {@code AWS::NoValue}, which removes the property
 * or list item. A resource whose {@code Condition} is false is left out ({@link #resource}).
 */
final class CloudFormationTemplate {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The property that names a resource, by type: what its {@code Ref} returns. */
  private static final Map<String, String> NAME_PROPERTIES =
      Map.of(
          "AWS::Logs::LogGroup", "LogGroupName",
          "AWS::Logs::LogStream", "LogStreamName",
          "AWS::KinesisAnalyticsV2::Application", "ApplicationName");

  final JsonNode template;
  private final Map<String, String> given;

  CloudFormationTemplate(JsonNode template, Map<String, String> given) {
    this.template = template;
    this.given = given;
  }

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code node} evaluated; null for {@code AWS::NoValue}. Objects and arrays are walked. */
  JsonNode resolve(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode v = resolve(item);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1) {
      String function = node.fieldNames().next();
      JsonNode arg = node.get(function);
      switch (function) {
        case "Ref":
          return parameter(arg.asText());
        case "Fn::Sub":
          return sub(arg.asText());
        case "Fn::Join":
          {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : resolve(arg.get(1))) {
              parts.add(part.asText());
            }
            return TextNode.valueOf(String.join(arg.get(0).asText(), parts));
          }
        case "Fn::Select":
          {
            JsonNode list = resolve(arg.get(1));
            int index = Integer.parseInt(resolve(arg.get(0)).asText());
            assertTrue("Fn::Select index " + index + " of " + list, index < list.size());
            return list.get(index);
          }
        case "Fn::Split":
          {
            ArrayNode parts = NODES.arrayNode();
            String text = resolve(arg.get(1)).asText();
            for (String part : text.split(Pattern.quote(arg.get(0).asText()), -1)) {
              parts.add(part);
            }
            return parts;
          }
        case "Fn::GetAtt":
          {
            String resource = arg.get(0).asText();
            assertTrue(resource + " exists", resource(resource) != null);
            assertTrue("only a role's Arn is evaluated", arg.get(1).asText().equals("Arn")
                && template.at("/Resources/" + resource + "/Type").asText().equals("AWS::IAM::Role"));
            return TextNode.valueOf("arn:aws:iam::" + ACCOUNT + ":role/" + resource);
          }
        case "Fn::And":
          {
            boolean all = true;
            for (JsonNode c : arg) {
              all &= resolve(c).asBoolean();
            }
            return BooleanNode.valueOf(all);
          }
        case "Fn::Equals":
          return BooleanNode.valueOf(
              resolve(arg.get(0)).asText().equals(resolve(arg.get(1)).asText()));
        case "Fn::Not":
          return BooleanNode.valueOf(!resolve(arg.get(0)).asBoolean());
        case "Fn::If":
          {
            JsonNode condition = template.at("/Conditions/" + arg.get(0).asText());
            assertTrue(arg.get(0).asText() + " is a condition", !condition.isMissingNode());
            return resolve(resolve(condition).asBoolean() ? arg.get(1) : arg.get(2));
          }
        default:
          break;
      }
    }
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = resolve(f.getValue());
      if (v != null) {
        out.set(f.getKey(), v);
      }
    }
    return out;
  }

  /** The resource's definition, evaluated; null when its {@code Condition} is false. */
  JsonNode resource(String name) {
    JsonNode r = template.at("/Resources/" + name);
    assertTrue(name + " is a resource", !r.isMissingNode());
    if (r.has("Condition")
        && !resolve(template.at("/Conditions/" + r.get("Condition").asText())).asBoolean()) {
      return null;
    }
    return resolve(r);
  }

  private JsonNode sub(String text) {
    Matcher m = SUB.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(parameter(m.group(1)).asText()));
    }
    m.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  private JsonNode parameter(String name) {
    switch (name) {
      case "AWS::NoValue":
        return null;
      case "AWS::Partition":
        return TextNode.valueOf("aws");
      case "AWS::Region":
        return TextNode.valueOf(REGION);
      case "AWS::AccountId":
        return TextNode.valueOf(ACCOUNT);
      default:
        break;
    }
    JsonNode r = template.at("/Resources/" + name);
    if (!r.isMissingNode()) {
      // A resource's Ref is its physical id: the name the template gives it.
      String property = NAME_PROPERTIES.get(r.get("Type").asText());
      assertTrue("Ref to " + name + " is evaluated", property != null);
      return resolve(r.at("/Properties/" + property));
    }
    JsonNode p = template.at("/Parameters/" + name);
    assertTrue(name + " is a parameter", !p.isMissingNode());
    String value = given.containsKey(name) ? given.get(name) : p.path("Default").asText(null);
    assertTrue(name + " needs a value: it has no default", value != null);
    // CloudFormation refuses a value outside the parameter's constraints.
    if (p.has("AllowedPattern")) {
      assertTrue(
          name + "=" + value + " matches " + p.get("AllowedPattern").asText(),
          value.matches(p.get("AllowedPattern").asText()));
    }
    if (p.has("AllowedValues")) {
      boolean allowed = false;
      for (JsonNode v : p.get("AllowedValues")) {
        allowed |= v.asText().equals(value);
      }
      assertTrue(name + "=" + value + " is one of " + p.get("AllowedValues"), allowed);
    }
    if (p.get("Type").asText().equals("CommaDelimitedList")) {
      ArrayNode list = NODES.arrayNode();
      if (!value.isEmpty()) {
        for (String item : value.split(",")) {
          list.add(item);
        }
      }
      return list;
    }
    return TextNode.valueOf(value);
  }

  /**
   * {@code node} with its text turned into the types a service's API expects where CloudFormation
   * converts them: whole numbers to integers, {@code true} and {@code false} to booleans, except
   * under {@code keepText} keys (maps of strings).
   */
  static JsonNode typed(JsonNode node, String keepText) {
    if (node.isTextual()) {
      String s = node.asText();
      if (s.equals("true") || s.equals("false")) {
        return BooleanNode.valueOf(Boolean.parseBoolean(s));
      }
      if (s.matches("-?\\d{1,9}")) {
        return NODES.numberNode(Integer.parseInt(s));
      }
      return node;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(item -> out.add(typed(item, keepText)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      node.fields()
          .forEachRemaining(
              f -> out.set(f.getKey(), f.getKey().equals(keepText) ? f.getValue() : typed(f.getValue(), keepText)));
      return out;
    }
    return node;
  }
}
