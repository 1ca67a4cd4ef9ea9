/*
 * Bar charts for the reports, as data for the page to draw: one row per bar, its label and value in text, and the
 * bar's length as a share of the longest. The page lays each row out as text beside a bar that stretches with the
 * screen, so labels wrap instead of being clipped and a chart reads at 320 px. A chart never stands alone: the page
 * shows the same figures in a table beneath it.
 */

export interface BarInput {
  label: string;
  value: number;
  /** The value as a person reads it ("4.2%", "120 days"); a protected count shows its marker and no bar. */
  text: string;
  /** Which of two series the bar belongs to (e.g. carrying on as now, or with the changes). */
  series?: 0 | 1;
  /** A range around the value (e.g. across runs of a projection), drawn as a line through the bar. */
  low?: number;
  high?: number;
}

export interface ChartBar extends BarInput {
  /** Lengths from 0 to 100, as shares of the chart's scale. */
  length: number;
  lowAt?: number;
  highAt?: number;
}

export interface Chart {
  id: string;
  title: string;
  description: string;
  bars: ChartBar[];
  /** Names of the two series, when there are two. */
  legend?: [string, string];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'chart';

export function barChart(options: {
  title: string;
  description: string;
  bars: readonly BarInput[];
  legend?: [string, string];
  /** The value a full-length bar stands for; by default the largest value (or high end of a range). */
  max?: number;
  id?: string;
}): Chart {
  const max = options.max ?? Math.max(0, ...options.bars.map((b) => Math.max(b.value, b.high ?? 0)));
  const at = (v: number) => (max <= 0 ? 0 : Math.round((Math.max(0, v) / max) * 1000) / 10);
  return {
    id: options.id ?? slug(options.title),
    title: options.title,
    description: options.description,
    ...(options.legend ? { legend: options.legend } : {}),
    bars: options.bars.map((b) => ({
      ...b,
      length: at(b.value),
      ...(b.low !== undefined && b.high !== undefined ? { lowAt: at(b.low), highAt: at(b.high) } : {}),
    })),
  };
}
