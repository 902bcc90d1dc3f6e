package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class SampleStddevFnTest {
  private final SampleStddevFn fn = new SampleStddevFn();

  /** Adds the values split over {@code parts} accumulators, then merges them. */
  private double stddev(double[] values, int parts) {
    List<SampleStddevFn.Accumulator> accs = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      accs.add(fn.createAccumulator());
    }
    for (int i = 0; i < values.length; i++) {
      fn.addInput(accs.get(i % parts), values[i]);
    }
    return fn.extractOutput(fn.mergeAccumulators(accs));
  }

  /** Two-pass sample standard deviation in exact decimal arithmetic, rounded once at the end. */
  static double twoPassReference(double[] values) {
    MathContext mc = new MathContext(60);
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(values.length), mc);
    BigDecimal squares = BigDecimal.ZERO;
    for (double v : values) {
      BigDecimal d = new BigDecimal(v).subtract(mean);
      squares = squares.add(d.multiply(d, mc));
    }
    return squares.divide(BigDecimal.valueOf(values.length - 1), mc).sqrt(mc).doubleValue();
  }

  private static void assertRelativelyClose(double expected, double actual, double tolerance) {
    double rel = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue("expected " + expected + " got " + actual + " (relative error " + rel + ")", rel <= tolerance);
  }

  @Test
  public void textbookExample() {
    double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
    assertEquals(Math.sqrt(32.0 / 7), stddev(v, 1), 0);
    assertEquals(Math.sqrt(32.0 / 7), stddev(v, 3), 0);
  }

  @Test
  public void undefinedBelowTwoValuesAndNullsIgnored() {
    assertTrue(Double.isNaN(stddev(new double[] {}, 1)));
    assertTrue(Double.isNaN(stddev(new double[] {4.2}, 1)));
    SampleStddevFn.Accumulator acc = fn.createAccumulator();
    fn.addInput(acc, 1.0);
    fn.addInput(acc, null);
    fn.addInput(acc, 3.0);
    assertEquals(Math.sqrt(2.0), fn.extractOutput(acc), 0);
    assertEquals(0.0, stddev(new double[] {7.5, 7.5, 7.5}, 2), 0);
  }

  @Test
  public void exactOnLargeOffsetsWithSmallNoise() {
    Random random = new Random(42);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1e9 + random.nextGaussian() * 0.01;
    }
    double reference = twoPassReference(v);
    // Correctly rounded variance, so within a couple of ulps of the exact two-pass result...
    assertRelativelyClose(reference, stddev(v, 1), 4e-16);
    assertRelativelyClose(reference, stddev(v, 7), 4e-16);
    // ... where the textbook one-pass formula in doubles is off by orders of magnitude.
    double sum = 0;
    double squares = 0;
    for (double x : v) {
      sum += x;
      squares += x * x;
    }
    double naive = Math.sqrt(Math.max(0, (squares - sum * sum / v.length) / (v.length - 1)));
    assertTrue("naive " + naive + " vs " + reference, Math.abs(naive - reference) / reference > 0.01);
  }

  @Test
  public void exactOnCancellingMagnitudes() {
    double[] v = {1e15, 1, -1e15, 2, 3e-3, 1e15 + 2, -7.25};
    assertRelativelyClose(twoPassReference(v), stddev(v, 1), 4e-16);
    assertRelativelyClose(twoPassReference(v), stddev(v, 4), 4e-16);
  }

  @Test
  public void accumulatorCoderRoundTrips() throws Exception {
    Coder<SampleStddevFn.Accumulator> coder =
        fn.getAccumulatorCoder(CoderRegistry.createDefault(), DoubleCoder.of());
    SampleStddevFn.Accumulator acc = fn.createAccumulator();
    Arrays.asList(0.1, 1e9, -3.5).forEach(x -> fn.addInput(acc, x));
    CoderProperties.coderDecodeEncodeEqual(coder, acc);
    CoderProperties.coderDecodeEncodeEqual(coder, fn.createAccumulator());
  }
}
