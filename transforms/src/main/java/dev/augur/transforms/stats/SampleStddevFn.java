package dev.augur.transforms.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The sample standard deviation of doubles, accurate to the last bit whatever the offset of the
 * data; {@link Double#NaN} for fewer than two values. Used as the SQL aggregate {@value #SQL_NAME}
 * by {@link AggregateWindows}.
 *
 * <p>Why not Beam SQL's own: in Beam 2.62 {@code STDDEV_SAMP} is not supported and {@code VAR_SAMP}
 * rounds intermediate results to 10 significant digits; for values {@code 1e9 + noise(σ=0.01)} it
 * returned 8.35e-5 where the variance is 1.12e-4, and it returns 0, not null, for one value.
 *
 * <p>How: the accumulator keeps the count and the exact sums of the values and of their squares as
 * {@link BigDecimal}s (every double is exactly a decimal, and sums and products of decimals are
 * exact), so merging is exact and order-independent. Only the final {@code (n·Σx² − (Σx)²) /
 * (n(n−1))} is rounded, to 34 digits, then to a double, so the variance is correctly rounded and
 * the standard deviation within an ulp. The price is BigDecimal arithmetic per value, which is
 * negligible next to the shuffle for metric-sized windows.
 */
public final class SampleStddevFn extends CombineFn<Double, SampleStddevFn.Accumulator, Double> {
  public static final String SQL_NAME = "EXACT_STDDEV_SAMP";

  /** Count, sum and sum of squares, all exact. Mutable, as accumulators are. */
  public static final class Accumulator {
    long count;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal sumOfSquares = BigDecimal.ZERO;

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Accumulator)) {
        return false;
      }
      Accumulator a = (Accumulator) o;
      return count == a.count
          && sum.compareTo(a.sum) == 0
          && sumOfSquares.compareTo(a.sumOfSquares) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, sum.stripTrailingZeros(), sumOfSquares.stripTrailingZeros());
    }
  }

  @Override
  public Accumulator createAccumulator() {
    return new Accumulator();
  }

  @Override
  public Accumulator addInput(Accumulator acc, Double input) {
    // Beam SQL passes no nulls to an aggregate; direct callers might.
    if (input == null) {
      return acc;
    }
    if (!Double.isFinite(input)) {
      throw new IllegalArgumentException("cannot take the standard deviation of " + input);
    }
    BigDecimal x = new BigDecimal(input);
    acc.count++;
    acc.sum = acc.sum.add(x);
    acc.sumOfSquares = acc.sumOfSquares.add(x.multiply(x));
    return acc;
  }

  @Override
  public Accumulator mergeAccumulators(Iterable<Accumulator> accumulators) {
    Accumulator merged = new Accumulator();
    for (Accumulator a : accumulators) {
      merged.count += a.count;
      merged.sum = merged.sum.add(a.sum);
      merged.sumOfSquares = merged.sumOfSquares.add(a.sumOfSquares);
    }
    return merged;
  }

  @Override
  public Double extractOutput(Accumulator acc) {
    if (acc.count < 2) {
      return Double.NaN;
    }
    BigDecimal n = BigDecimal.valueOf(acc.count);
    BigDecimal numerator = n.multiply(acc.sumOfSquares).subtract(acc.sum.multiply(acc.sum));
    double variance =
        numerator
            .divide(n.multiply(BigDecimal.valueOf(acc.count - 1)), MathContext.DECIMAL128)
            .doubleValue();
    return Math.sqrt(variance);
  }

  @Override
  public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<Double> inputCoder) {
    return AccumulatorCoder.INSTANCE;
  }

  private static final class AccumulatorCoder extends CustomCoder<Accumulator> {
    static final AccumulatorCoder INSTANCE = new AccumulatorCoder();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final BigDecimalCoder DECIMAL = BigDecimalCoder.of();

    @Override
    public void encode(Accumulator value, OutputStream out) throws IOException {
      LONG.encode(value.count, out);
      DECIMAL.encode(value.sum, out);
      DECIMAL.encode(value.sumOfSquares, out);
    }

    @Override
    public Accumulator decode(InputStream in) throws IOException {
      Accumulator a = new Accumulator();
      a.count = LONG.decode(in);
      a.sum = DECIMAL.decode(in);
      a.sumOfSquares = DECIMAL.decode(in);
      return a;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
