package dev.augur.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assigns dimension values to series indices. Each field gets a value pool (explicit values,
 * built-in region and service names, or generated {@code <field>-<n>} values); pools grow one value
 * at a time, smallest pool first and listed values before generated ones, until their combinations
 * cover all series. Series {@code i} is then the {@code i}-th combination with the last field
 * varying fastest, so a dozen series span three regions by four services.
 */
final class SeriesCatalog {
  static final List<String> REGIONS =
      List.of(
          "eu-west-1",
          "us-east-1",
          "ap-southeast-2",
          "us-west-2",
          "eu-central-1",
          "ap-northeast-1",
          "sa-east-1",
          "ap-south-1");

  static final List<String> SERVICES =
      List.of(
          "checkout",
          "search",
          "payments",
          "login",
          "catalog",
          "cart",
          "shipping",
          "inventory",
          "recommendations",
          "reviews",
          "notifications",
          "profile");

  /** Standard-time UTC offsets in minutes of the built-in regions, for local business hours. */
  private static final Map<String, Integer> REGION_UTC_OFFSET_MINUTES =
      Map.of(
          "eu-west-1", 0,
          "us-east-1", -300,
          "ap-southeast-2", 600,
          "us-west-2", -480,
          "eu-central-1", 60,
          "ap-northeast-1", 540,
          "sa-east-1", -180,
          "ap-south-1", 330);

  private SeriesCatalog() {}

  /** The identities of all series of {@code config}, by index. */
  static List<SeriesIdentity> identities(GeneratorConfig config) {
    List<String> fields = config.dimensionFields();
    List<List<String>> pools = pools(config);
    List<SeriesIdentity> out = new ArrayList<>(config.seriesCount());
    for (int i = 0; i < config.seriesCount(); i++) {
      String[] values = new String[fields.size()];
      long rest = i;
      for (int f = fields.size() - 1; f >= 0; f--) {
        int size = pools.get(f).size();
        values[f] = pools.get(f).get((int) (rest % size));
        rest /= size;
      }
      Map<String, String> dims = new LinkedHashMap<>();
      for (int f = 0; f < fields.size(); f++) {
        dims.put(fields.get(f), values[f]);
      }
      out.add(new SeriesIdentity(i, dims));
    }
    return out;
  }

  /** The UTC offset in minutes of a built-in region value among the dimensions, if any. */
  static Integer knownUtcOffsetMinutes(Map<String, String> dimensions) {
    for (String v : dimensions.values()) {
      Integer offset = REGION_UTC_OFFSET_MINUTES.get(v);
      if (offset != null) {
        return offset;
      }
    }
    return null;
  }

  private static List<List<String>> pools(GeneratorConfig config) {
    List<String> fields = config.dimensionFields();
    List<List<String>> listed = new ArrayList<>();
    List<List<String>> pools = new ArrayList<>();
    List<Set<String>> taken = new ArrayList<>();
    for (String field : fields) {
      listed.add(listedValues(config, field));
      pools.add(new ArrayList<>());
      taken.add(new HashSet<>(listed.get(listed.size() - 1)));
    }
    for (int f = 0; f < fields.size(); f++) {
      grow(pools.get(f), listed.get(f), taken.get(f), fields.get(f));
    }
    while (combinations(pools) < config.seriesCount()) {
      int pick = smallest(pools, listed, true);
      if (pick < 0) {
        pick = smallest(pools, listed, false);
      }
      grow(pools.get(pick), listed.get(pick), taken.get(pick), fields.get(pick));
    }
    return pools;
  }

  private static List<String> listedValues(GeneratorConfig config, String field) {
    List<String> explicit = config.dimensionValues().get(field);
    if (explicit != null) {
      return explicit;
    }
    if (field.equals("region")) {
      return REGIONS;
    }
    if (field.equals("service")) {
      return SERVICES;
    }
    return List.of();
  }

  /** The field with the smallest pool (the later field on ties), optionally only listed ones. */
  private static int smallest(
      List<List<String>> pools, List<List<String>> listed, boolean listedOnly) {
    int best = -1;
    for (int f = 0; f < pools.size(); f++) {
      if (listedOnly && pools.get(f).size() >= listed.get(f).size()) {
        continue;
      }
      if (best < 0 || pools.get(f).size() <= pools.get(best).size()) {
        best = f;
      }
    }
    return best;
  }

  /** Adds the next listed value, or else a generated one not in {@code taken}. */
  private static void grow(
      List<String> pool, List<String> listed, Set<String> taken, String field) {
    if (pool.size() < listed.size()) {
      pool.add(listed.get(pool.size()));
      return;
    }
    int n = pool.size() + 1;
    while (taken.contains(field + "-" + n)) {
      n++;
    }
    taken.add(field + "-" + n);
    pool.add(field + "-" + n);
  }

  private static long combinations(List<List<String>> pools) {
    long product = 1;
    for (List<String> pool : pools) {
      product = Math.min(product * pool.size(), Integer.MAX_VALUE);
    }
    return product;
  }
}
