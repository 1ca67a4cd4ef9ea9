import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../../../application/reports/chart';
import { csvField, laReportCsv, nationalReturnCsv, toCsv } from '../../../../application/reports/csv';
import { type LaReport, laReport } from '../../../../application/reports/la-report';
import { nationalReturn, SUPPRESSED } from '../../../../application/reports/national-return';

const PERIOD = { from: '2025-04-01', to: '2026-03-31' };

/** An LA's report with the given counts (an empty report, then the figures a test needs). */
function report(
  la: string,
  figures: { lookedAfter?: number; male?: number; female?: number; made?: number },
) {
  const r: LaReport = laReport([], [], la, PERIOD);
  const male = figures.male ?? 0;
  const female = figures.female ?? 0;
  r.children.lookedAfter = figures.lookedAfter ?? 500;
  r.children.matched = male + female;
  r.children.accessRate = r.children.matched / r.children.lookedAfter;
  r.breakdowns.matched.sex = { male, female };
  r.breakdowns.matched.placement = { 'in area': male, 'out of area': female };
  r.breakdowns.matched.ageBand['10 to 15'] = male + female;
  r.breakdowns.matched.ethnicity.White = male + female;
  r.flows.matchesMade = figures.made ?? 0;
  r.waits.matchedInPeriod.medianDays = 100;
  r.waits.matchedInPeriod.p90Days = 300;
  return r;
}

describe('the national return', () => {
  it('shows counts of 1 to 5 as suppressed, and zero and 6 or more as they are', () => {
    const national = nationalReturn(
      [
        report('E06000001', { male: 3 }),
        report('W06000001', { male: 0 }),
        report('W06000002', { male: 6, female: 6 }),
      ],
      PERIOD,
      PERIOD.to,
    );
    const [hartlepool] = national.las;
    expect(hartlepool!.cells.matched).toBe(SUPPRESSED);
    expect(hartlepool!.accessRate).toBe(SUPPRESSED);
    expect(national.las[1]!.cells.matched).toBe(0);
    expect(national.las[2]!.cells['matched male']).toBe(6);
    expect(national.las[2]!.accessRate).toBe(12 / 500);
  });

  it("suppresses a second cell when a shown total would give a suppressed one away within an LA's row", () => {
    const [la] = nationalReturn([report('E06000002', { male: 9, female: 3 })], PERIOD, PERIOD.to).las;
    expect(la!.cells.matched).toBe(12);
    expect(la!.cells['matched female']).toBe(SUPPRESSED);
    // 12 - 9 would reveal the 3: the 9 goes too.
    expect(la!.cells['matched male']).toBe(SUPPRESSED);
    expect(la!.cells['matched in area']).toBe(SUPPRESSED);
    expect(la!.cells['matched out of area']).toBe(SUPPRESSED);
  });

  it('suppresses another LA of the region when only one would be hidden behind the regional total', () => {
    const national = nationalReturn(
      [
        report('E06000001', { male: 3, female: 0 }),
        report('E06000002', { male: 20, female: 0 }),
        report('E06000003', { male: 30, female: 0 }),
      ],
      PERIOD,
      PERIOD.to,
    );
    const matched = national.las.map((l) => l.cells.matched);
    expect(matched).toEqual([SUPPRESSED, SUPPRESSED, 30]);
    const northEast = national.regions.find((r) => r.code === 'North East')!;
    expect(northEast.cells.matched).toBe(53);
    expect(national.total.cells.matched).toBe(53);
  });

  it('adds LAs up into regions, countries and the total, and hides waits resting on fewer than 6 matches', () => {
    const national = nationalReturn(
      [
        report('E09000002', { male: 10, female: 10, made: 4 }),
        report('W06000015', { male: 7, female: 8, made: 9 }),
      ],
      PERIOD,
      PERIOD.to,
    );
    expect(national.las.map((l) => l.region)).toEqual(['London', 'Wales']);
    expect(national.las[0]!.medianWaitDays).toBe(SUPPRESSED);
    expect(national.las[1]!.medianWaitDays).toBe(100);
    expect(national.countries.map((c) => [c.code, c.cells['looked after']])).toEqual([
      ['England', 500],
      ['Wales', 500],
    ]);
    expect(national.total.cells.matched).toBe(35);
    const csv = nationalReturnCsv(national);
    expect(csv.split('\r\n')[0]).toMatch(
      /^level,code,name,region,has IV service,looked after,matched,waiting,/,
    );
    expect(csv).toContain('la,E09000002,Barking and Dagenham,London,');
    expect(csv).toContain('total,England and Wales,England and Wales,,,1000,35,');
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, defuses formulas, and writes nulls as empty', () => {
    expect(csvField('Bournemouth, Christchurch and Poole')).toBe('"Bournemouth, Christchurch and Poole"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('yes');
    expect(
      toCsv([
        ['a', 1],
        ['b,c', null],
      ]),
    ).toBe('a,1\r\n"b,c",\r\n');
  });

  it('writes the LA report as one line per figure', () => {
    const csv = laReportCsv(report('E06000014', { male: 7, female: 8 }));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('section,measure,category,value');
    expect(lines).toContain('report,local authority,E06000014,York');
    expect(lines).toContain('children,matched,,15');
    expect(lines).toContain('children,accessRate,,0.03');
    expect(lines).toContain('breakdowns,matched.sex,female,8');
  });
});

describe('the bar chart', () => {
  it('is an image with a title and description for screen readers, and every bar labelled in text', () => {
    const svg = barChartSvg({
      title: 'Waiting <by> area',
      description: 'Median days waited, in and out of area',
      bars: [
        { label: 'In area', value: 90 },
        { label: 'Out of area', value: 180 },
        { label: 'Suppressed', value: 0, display: 'c' },
      ],
      unit: ' days',
    });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="waiting-by-area-title waiting-by-area-desc"/);
    expect(svg).toContain('<title id="waiting-by-area-title">Waiting &lt;by&gt; area</title>');
    expect(svg).toContain('<desc id="waiting-by-area-desc">Median days waited, in and out of area</desc>');
    for (const text of ['In area', '90 days', 'Out of area', '180 days', '>c<']) expect(svg).toContain(text);
    expect(svg).not.toContain('<script');
  });
});
