package dev.augur.synthetic;

import static org.junit.Assert.assertEquals;

import dev.augur.models.SeriesKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class SeriesCatalogTest {

  @Test
  public void twelveSeriesSpanThreeRegionsByFourServices() {
    List<SeriesIdentity> ids = SeriesCatalog.identities(GeneratorConfig.builder().build());
    assertEquals("region=eu-west-1,service=checkout", ids.get(0).key);
    assertEquals("region=eu-west-1,service=login", ids.get(3).key);
    assertEquals("region=us-east-1,service=checkout", ids.get(4).key);
    assertEquals("region=ap-southeast-2,service=login", ids.get(11).key);
  }

  @Test
  public void manySeriesGetDistinctCanonicalKeys() {
    List<SeriesIdentity> ids =
        SeriesCatalog.identities(GeneratorConfig.builder().seriesCount(500).build());
    Set<String> keys = new HashSet<>();
    for (SeriesIdentity id : ids) {
      assertEquals(SeriesKey.of(id.dimensions), id.key);
      keys.add(id.key);
    }
    assertEquals(500, keys.size());
  }

  @Test
  public void fieldsWithoutListedValuesGetGeneratedOnes() {
    GeneratorConfig c =
        GeneratorConfig.builder()
            .seriesCount(4)
            .dimensionFields("host", "metric")
            .dimensionValues("metric", List.of("latency", "amount"))
            .build();
    List<SeriesIdentity> ids = SeriesCatalog.identities(c);
    assertEquals(Map.of("host", "host-1", "metric", "latency"), ids.get(0).dimensions);
    assertEquals("host=host-1,metric=amount", ids.get(1).key);
    assertEquals("host=host-2,metric=latency", ids.get(2).key);
    assertEquals("host=host-2,metric=amount", ids.get(3).key);
  }
}
