export interface Bar {
  label: string;
  value: number;
  /** What to print instead of the number (e.g. "c" for a suppressed count); the bar is then drawn empty. */
  display?: string;
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'chart';

/**
 * A horizontal bar chart as accessible SVG for the printable report: role="img" with a title and a description
 * (read by screen readers), every bar labelled in text with its value, black on white so it prints. No script,
 * no external fonts. The caller still shows the same figures in a table: a chart never stands alone.
 */
export function barChartSvg(options: {
  title: string;
  description: string;
  bars: readonly Bar[];
  /** Appended to each value, e.g. " days" or "%". */
  unit?: string;
  width?: number;
  id?: string;
}): string {
  const { bars, unit = '' } = options;
  const width = options.width ?? 640;
  const id = options.id ?? slug(options.title);
  const labelWidth = Math.min(260, Math.max(80, ...bars.map((b) => b.label.length * 7.5)));
  const valueWidth = 90;
  const barHeight = 24;
  const gap = 10;
  const top = 8;
  const plot = Math.max(40, width - labelWidth - valueWidth - 16);
  const max = Math.max(1, ...bars.map((b) => (b.display === undefined ? b.value : 0)));
  const height = top * 2 + bars.length * (barHeight + gap);
  const rows = bars.map((bar, i) => {
    const y = top + i * (barHeight + gap);
    const length = bar.display === undefined ? Math.round((bar.value / max) * plot) : 0;
    const text = bar.display ?? `${bar.value}${unit}`;
    const mid = y + barHeight / 2 + 5;
    return [
      `<text x="${labelWidth - 8}" y="${mid}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" fill="#1d70b8"/>`,
      `<text x="${labelWidth + length + 6}" y="${mid}">${escapeXml(text)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" `,
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `,
    `font-family="Arial, sans-serif" font-size="14" fill="#0b0c0c">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...rows,
    '</svg>',
  ].join('');
}
