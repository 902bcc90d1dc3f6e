package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: the JSON log records from which CloudWatch Logs extracts
 * metrics. A comparison's points become one record per {@value #MAX_METRICS} metrics (a
 * comparison has at most six, so one record), with the dimensions and metric values as root
 * members and the {@code _aws} metadata naming them:
 *
 * <pre>{@code
 * {"_aws":{"Timestamp":1714557600000,"CloudWatchMetrics":[{"Namespace":"Augur",
 *   "Dimensions":[["service","Statistic"]],"Metrics":[{"Name":"Actual","Unit":"None"},...]}]},
 *  "service":"checkout","Statistic":"count","Actual":171.0,...}
 * }</pre>
 */
final class EmfRecords {
  /** The specification's limit of metrics per record. */
  static final int MAX_METRICS = 100;

  private EmfRecords() {}

  static List<String> of(String namespace, MetricPoints points) {
    List<String> out = new ArrayList<>();
    List<MetricPoints.Value> values = points.values();
    for (int from = 0; from < values.size(); from += MAX_METRICS) {
      out.add(record(namespace, points, values.subList(from, Math.min(values.size(), from + MAX_METRICS))));
    }
    return out;
  }

  private static String record(
      String namespace, MetricPoints points, List<MetricPoints.Value> values) {
    ObjectNode root = SinkJson.MAPPER.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", points.timestamp().getMillis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
    for (String name : points.dimensions().keySet()) {
      dimensionSet.add(name);
    }
    ArrayNode metrics = directive.putArray("Metrics");
    for (MetricPoints.Value v : values) {
      metrics.addObject().put("Name", v.name()).put("Unit", "None");
    }
    for (Map.Entry<String, String> e : points.dimensions().entrySet()) {
      root.put(e.getKey(), e.getValue());
    }
    for (MetricPoints.Value v : values) {
      root.put(v.name(), v.value());
    }
    return root.toString();
  }
}
