export const median = (xs) => {
  const a = xs.filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
  if (!a.length) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

export const percentile = (sorted, p) => {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
};

export const sum = (xs) => xs.reduce((a, b) => a + b, 0);
export const max = (xs) => xs.reduce((a, b) => (b > a ? b : a), -Infinity);

/** Median of each numeric field over a list of result objects (non-numeric fields: first value). */
export function medianFields(runs) {
  if (!runs.length) return undefined;
  const out = {};
  for (const key of Object.keys(runs[0])) {
    const vals = runs.map((r) => r[key]);
    out[key] = typeof vals[0] === 'number' ? median(vals) : vals[0];
  }
  out.runs = runs.length;
  return out;
}

export const fmt = (x, digits = 1) => {
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(Math.max(0, digits - 1));
  if (abs >= 1) return x.toFixed(digits);
  if (abs === 0) return '0';
  return x.toPrecision(2);
};

export const ratio = (a, b, digits = 2) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(digits)}×` : '–');
