// Figures of the benches' samples.

/** Percentiles (p50, p90, p99 unless told) and the maximum of a list of milliseconds, to 0.1 ms. */
export function stats(times, percentiles = [50, 90, 99]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { ...Object.fromEntries(percentiles.map((p) => [`p${p}`, round(at(p))])), max: round(sorted[sorted.length - 1]) };
}

export function round(value) {
  return Math.round(value * 10) / 10;
}
