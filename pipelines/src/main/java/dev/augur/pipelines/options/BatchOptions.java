package dev.augur.pipelines.options;

/** Options of the batch forecasting pipeline: history in, forecasts out. */
public interface BatchOptions extends EventInputOptions, WindowOptions, ForecastOptions {}
