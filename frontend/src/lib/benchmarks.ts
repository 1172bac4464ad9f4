// Benchmark populations (Go: app/involve/benchmark_population.go, the façade
// app/desktop/benchmarks.go) and the reach compared with one (report.ReachComparison),
// checked against Go's at the end of types.ts.
import type { RecordMeta, RefItem, ReportCount, ReportPercent } from './types';

/** One category of a benchmark population: people counted (not a percentage). */
export interface BenchmarkShare {
  category: string; // a code of the dimension's reference list
  count: number;
}

/** A population a lead imported from a CSV file (Census 2021 figures…). */
export interface BenchmarkPopulation extends RecordMeta {
  name: string;
  source: string;
  year: number;
  dimension: string; // borough | ethnicGroup | ethnicity | ageBand
  shares: BenchmarkShare[];
}

/** The import form: the chosen file's text travels with it (nothing is uploaded). */
export interface BenchmarkImport {
  name: string;
  source: string;
  year: number;
  dimension: string;
  csvText: string;
}

/** A dimension a benchmark may count, with the categories its file may name. */
export interface BenchmarkDimension {
  code: string;
  label: string;
  categories: RefItem[];
}

export interface BenchmarkList {
  benchmarks: BenchmarkPopulation[];
  dimensions: BenchmarkDimension[];
}

/** One category: the people reached (suppressed as in reach) beside the benchmark. */
export interface ComparisonRow {
  code: string;
  label: string;
  count: ReportCount;
  percent: ReportPercent; // of compared
  percentText: string; // "12.3%" or "–"
  benchmarkCount: number;
  benchmarkPercent: number; // 0..100
  benchmarkText: string;
  difference?: number | null; // percentage points; null when the share is hidden
  differenceText: string; // "+3.2 points", "−1.0 points", "–"
}

export interface ReachComparison {
  benchmarkId: string;
  benchmarkName: string;
  source: string;
  year: number;
  dimension: string;
  dimensionLabel: string;
  available: boolean; // the period's reach has this dimension
  compared: number; // people reached whose answer is one of the benchmark's categories
  outside: number; // the rest: Not stated, Prefer not to say, other answers
  /** the shares would let a hidden count be worked out from the reach's shown counts: none is shown */
  sharesWithheld: boolean;
  benchmarkTotal: number;
  rows: ComparisonRow[];
  suppressionRule: string;
}
