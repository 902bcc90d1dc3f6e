package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.runners.ManagedFlinkMain.PipelineKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ManagedFlinkMainTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** Reads the file through the service's own runtime library, as the application would. */
  private Map<String, Properties> groups(String json) throws IOException {
    Path file = tmp.newFile("application-properties.json").toPath();
    Files.writeString(file, json, StandardCharsets.UTF_8);
    System.setProperty(ManagedFlinkMain.PROPERTIES_FILE_PROPERTY, file.toString());
    try {
      return ManagedFlinkMain.loadPropertyGroups();
    } finally {
      System.clearProperty(ManagedFlinkMain.PROPERTIES_FILE_PROPERTY);
    }
  }

  @Test
  public void propertiesBecomeTheStreamPipelinesOptions() throws Exception {
    Map<String, Properties> groups =
        groups(
            "[{\"PropertyGroupId\":\"Augur\",\"PropertyMap\":{\"source\":\"KINESIS\","
                + "\"kinesisStream\":\"events\",\"forecasts\":\"s3://bucket/augur\","
                + "\"window\":\" 15m \"}},"
                + "{\"PropertyGroupId\":\"Other\",\"PropertyMap\":{\"x\":\"y\"}}]");
    assertEquals(PipelineKind.STREAM, ManagedFlinkMain.pipelineKind(groups));
    assertEquals(
        List.of(
            "--forecasts=s3://bucket/augur",
            "--kinesisStream=events",
            "--source=KINESIS",
            "--window=15m",
            "--runner=FlinkRunner"),
        ManagedFlinkMain.beamArgs(groups));
  }

  @Test
  public void theArchiveIsChosenByThePipelineProperty() throws Exception {
    Map<String, Properties> groups =
        groups(
            "[{\"PropertyGroupId\":\"Augur\",\"PropertyMap\":{\"pipeline\":\"archive\","
                + "\"source\":\"KINESIS\",\"kinesisStream\":\"events\","
                + "\"archive\":\"s3://bucket/archive\"}}]");
    assertEquals(PipelineKind.ARCHIVE, ManagedFlinkMain.pipelineKind(groups));
    assertEquals(
        List.of(
            "--archive=s3://bucket/archive",
            "--kinesisStream=events",
            "--source=KINESIS",
            "--runner=FlinkRunner"),
        ManagedFlinkMain.beamArgs(groups));
  }

  @Test
  public void batchIsChosenByThePipelineProperty() throws Exception {
    Map<String, Properties> groups =
        groups(
            "[{\"PropertyGroupId\":\"Augur\",\"PropertyMap\":{\"pipeline\":\"Batch\","
                + "\"input\":\"s3://bucket/history/*.jsonl\",\"output\":\"s3://bucket/augur\"}}]");
    assertEquals(PipelineKind.BATCH, ManagedFlinkMain.pipelineKind(groups));
    assertEquals(
        List.of("--input=s3://bucket/history/*.jsonl", "--output=s3://bucket/augur", "--runner=FlinkRunner"),
        ManagedFlinkMain.beamArgs(groups));
  }

  @Test
  public void badPropertiesFailNamingTheProperty() throws Exception {
    Map<String, Properties> missing = groups("[{\"PropertyGroupId\":\"Other\",\"PropertyMap\":{}}]");
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> ManagedFlinkMain.pipelineKind(missing))
            .getMessage(),
        containsString("no property group 'Augur' (groups found: [Other])"));

    Properties unknownKind = new Properties();
    unknownKind.setProperty("pipeline", "backfill");
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> ManagedFlinkMain.pipelineKind(Map.of("Augur", unknownKind)))
            .getMessage(),
        containsString("Augur.pipeline must be stream, archive or batch, not 'backfill'"));

    Properties runner = new Properties();
    runner.setProperty("runner", "DirectRunner");
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> ManagedFlinkMain.beamArgs(Map.of("Augur", runner)))
            .getMessage(),
        containsString("Augur.runner cannot be set"));

    Properties dashes = new Properties();
    dashes.setProperty("--window", "5m");
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> ManagedFlinkMain.beamArgs(Map.of("Augur", dashes)))
            .getMessage(),
        containsString("Augur.--window: write option names without dashes (window)"));
  }

  @Test
  public void aPipelinesConfigurationErrorNamesTheProperty() throws Exception {
    // A stream application that left the source at the command line's default, a file replay.
    Path file = tmp.newFile("stream-properties.json").toPath();
    Files.writeString(
        file,
        "[{\"PropertyGroupId\":\"Augur\",\"PropertyMap\":{\"pipeline\":\"stream\","
            + "\"forecasts\":\"" + tmp.getRoot() + "\",\"window\":\"15m\"}}]",
        StandardCharsets.UTF_8);
    System.setProperty(ManagedFlinkMain.PROPERTIES_FILE_PROPERTY, file.toString());
    try {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ManagedFlinkMain.main(new String[0]));
      assertEquals(
          "Property Augur.replayInput is required by the FILE source, the default of"
              + " Augur.source: give the files to replay, or Augur.source=KINESIS or"
              + " Augur.source=KAFKA to read a live stream",
          e.getMessage());
    } finally {
      System.clearProperty(ManagedFlinkMain.PROPERTIES_FILE_PROPERTY);
    }
  }
}
