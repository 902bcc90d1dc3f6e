package dev.augur.transforms.sink;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * Reads a remote-write request back with protobuf's schema-less parser, as a receiver sees it:
 * each time series as its labels, in the order sent, with its samples.
 */
final class RemoteWriteDecoding {
  /** One decoded series: labels in the order sent, and its (value, timestamp) samples. */
  record Decoded(List<Map.Entry<String, String>> labels, List<double[]> samples) {
    Map<String, String> labelMap() {
      Map<String, String> m = new TreeMap<>();
      labels.forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    }

    String name() {
      return labelMap().get("__name__");
    }
  }

  private RemoteWriteDecoding() {}

  static List<Decoded> decode(byte[] compressed) throws Exception {
    UnknownFieldSet request = UnknownFieldSet.parseFrom(Snappy.uncompress(compressed));
    List<Decoded> out = new ArrayList<>();
    if (!request.hasField(1)) {
      return out;
    }
    for (ByteString ts : request.getField(1).getLengthDelimitedList()) {
      UnknownFieldSet series = UnknownFieldSet.parseFrom(ts);
      List<Map.Entry<String, String>> labels = new ArrayList<>();
      for (ByteString l : series.getField(1).getLengthDelimitedList()) {
        UnknownFieldSet label = UnknownFieldSet.parseFrom(l);
        labels.add(
            Map.entry(
                label.getField(1).getLengthDelimitedList().get(0).toStringUtf8(),
                label.getField(2).getLengthDelimitedList().get(0).toStringUtf8()));
      }
      List<double[]> samples = new ArrayList<>();
      for (ByteString s : series.getField(2).getLengthDelimitedList()) {
        UnknownFieldSet sample = UnknownFieldSet.parseFrom(s);
        samples.add(
            new double[] {
              Double.longBitsToDouble(sample.getField(1).getFixed64List().get(0)),
              sample.getField(2).getVarintList().get(0)
            });
      }
      out.add(new Decoded(labels, samples));
    }
    return out;
  }
}
