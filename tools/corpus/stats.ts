/** Small number helpers of the corpus run and its report. */

/** The median of `values` (the mean of the two middle ones for an even count); 0 when empty. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Rounded to two decimals. */
export const round2 = (value: number) => Math.round(value * 100) / 100;
