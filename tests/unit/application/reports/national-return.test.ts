import { describe, expect, it } from 'vitest';
import { barChart } from '../../../../application/reports/chart';
import { csvField, laReportCsv, nationalReturnCsv, toCsv } from '../../../../application/reports/csv';
import { type LaReport, laReport } from '../../../../application/reports/la-report';
import {
  nationalReturn,
  type ReturnEntry,
  roundedCount,
  SUPPRESSED,
} from '../../../../application/reports/national-return';

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
  r.breakdowns.matched.placement = { 'in area': male, 'out of area': female, 'not known': 0 };
  r.breakdowns.matched.ageBand['10 to 15'] = male + female;
  r.breakdowns.matched.ethnicity.White = male + female;
  r.flows.matchesMade = figures.made ?? 0;
  r.waits.matchedInPeriod.medianDays = 100;
  r.waits.matchedInPeriod.p90Days = 300;
  return r;
}

/** An LA's entry: its report, and the waits of its matches (by default, as many waits of 100 days as matches). */
const entry = (
  la: string,
  figures: Parameters<typeof report>[1],
  matchWaits: number[] = Array(figures.made ?? 0).fill(100),
): ReturnEntry => ({ report: report(la, figures), matchWaits });

describe('the national return', () => {
  it('shows counts of 1 to 5 as suppressed, and zero and 6 or more as they are', () => {
    const national = nationalReturn(
      [
        entry('E06000001', { male: 3 }),
        entry('W06000001', { male: 0 }),
        entry('W06000002', { male: 6, female: 6 }),
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
    const [la] = nationalReturn([entry('E06000002', { male: 9, female: 3 })], PERIOD, PERIOD.to).las;
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
        entry('E06000001', { male: 3, female: 0 }),
        entry('E06000002', { male: 20, female: 0 }),
        entry('E06000003', { male: 30, female: 0 }),
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
        entry('E09000002', { male: 10, female: 10, made: 4 }),
        entry('W06000015', { male: 7, female: 8, made: 9 }),
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
      /^Level,Code,Name,Region,Has an Independent Visitor service,Children looked after,Matched with an Independent Visitor,Waiting for a match,/,
    );
    expect(csv).toContain('Local authority,E09000002,Barking and Dagenham,London,');
    expect(csv).toContain('England and Wales,England and Wales,England and Wales,,,1000,35,');
    const machine = nationalReturnCsv(national, 'machines');
    expect(machine.split('\r\n')[0]).toMatch(
      /^level,code,name,region,has_iv_service,looked_after,matched,waiting,/,
    );
    expect(machine).toContain('total,England and Wales,England and Wales,,,1000,35,');
  });

  it('always has an England, a Wales and an England and Wales row, each adding up only its own LAs', () => {
    const national = nationalReturn(
      [entry('E06000014', { lookedAfter: 300, male: 10 }), entry('W06000015', { lookedAfter: 200, male: 7 })],
      PERIOD,
      PERIOD.to,
    );
    const [england, wales] = national.countries;
    expect([england!.name, england!.cells['looked after'], england!.cells.matched]).toEqual([
      'England',
      300,
      10,
    ]);
    expect([wales!.name, wales!.cells['looked after'], wales!.cells.matched]).toEqual(['Wales', 200, 7]);
    expect(national.total.cells['looked after']).toBe(500);
    // With English LAs only, Wales is still there, empty, and England is not the whole of England and Wales by accident.
    const englandOnly = nationalReturn(
      [entry('E06000014', { lookedAfter: 300, male: 10 })],
      PERIOD,
      PERIOD.to,
    );
    expect(englandOnly.countries.map((c) => [c.name, c.las, c.cells['looked after']])).toEqual([
      ['England', 1, 300],
      ['Wales', 0, 0],
    ]);
    expect(national.regions.map((r) => r.name)).not.toContain('Wales');
  });

  it('pools the waits of every match for regions and countries, never a median of medians', () => {
    // Two LAs of the North East: medians 10 and 200 (a median of medians would be 105 or either of them).
    const national = nationalReturn(
      [
        entry('E06000001', { male: 6, made: 7 }, [10, 10, 10, 10, 10, 10, 10]),
        entry('E06000002', { male: 6, made: 6 }, [200, 210, 220, 230, 240, 250]),
      ],
      PERIOD,
      PERIOD.to,
    );
    expect(national.las.map((l) => l.medianWaitDays)).toEqual([10, 220]);
    const northEast = national.regions.find((r) => r.name === 'North East')!;
    // 13 waits pooled: the 7th smallest is the last of the 10s.
    expect(northEast.medianWaitDays).toBe(10);
    expect(northEast.p90WaitDays).toBe(240);
    expect(national.countries[0]!.medianWaitDays).toBe(10);
  });
});

describe('the StatsWales convention', () => {
  it('rounds every count to the nearest 5 and shows 1 to 4 as *', () => {
    expect([0, 1, 4, 5, 7, 8, 12, 13, 1001].map(roundedCount)).toEqual([0, '*', '*', 5, 5, 10, 10, 15, 1000]);
    const national = nationalReturn(
      [
        entry('W06000015', { lookedAfter: 203, male: 3, female: 9, made: 3 }),
        entry('W06000011', { lookedAfter: 98, male: 12 }),
      ],
      PERIOD,
      PERIOD.to,
      'statswales',
    );
    const [cardiff, swansea] = [
      national.las.find((l) => l.code === 'W06000015')!,
      national.las.find((l) => l.code === 'W06000011')!,
    ];
    expect(cardiff.cells['looked after']).toBe(205);
    expect(cardiff.cells['matched male']).toBe('*');
    expect(cardiff.cells['matched female']).toBe(10);
    expect(cardiff.cells.matched).toBe(10);
    expect(cardiff.medianWaitDays).toBe('*');
    expect(swansea.cells.matched).toBe(10);
    expect(swansea.accessRate).toBe(12 / 98);
    // Totals are rounded from the true counts, not added up from rounded cells: 12 + 12 = 24 shows as 25.
    expect(national.countries[1]!.cells.matched).toBe(25);
    expect(national.convention).toBe('statswales');
  });

  it('hides a rate that rests on a disclosive count', () => {
    const [la] = nationalReturn(
      [entry('W06000015', { lookedAfter: 300, male: 2 })],
      PERIOD,
      PERIOD.to,
      'statswales',
    ).las;
    expect(la!.cells.matched).toBe('*');
    expect(la!.accessRate).toBe('*');
    expect(la!.meetsTarget).toBe('*');
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

  it('writes the LA report for people, every heading and value in words, and for programs with fixed keys', () => {
    const r = report('E06000014', { male: 7, female: 8 });
    const lines = laReportCsv(r).trim().split('\r\n');
    expect(lines[0]).toBe('Section,Figure,Group,Value');
    expect(lines).toContain('About this report,Local authority,,York');
    expect(lines).toContain('About this report,Period,,1 April 2025 to 31 March 2026');
    expect(lines).toContain('Children,Matched with an Independent Visitor,,15');
    expect(lines).toContain('Children,Share of children in care with an Independent Visitor,,3.0%');
    expect(lines).toContain('Who is matched and who is waiting,Matched children by sex,Female,8');
    // Nothing a person reads is a key of the code or a raw fraction.
    for (const line of lines.slice(1)) expect(line).not.toMatch(/[a-z][A-Z]|0\.\d{3,}/);
    const machine = laReportCsv(r, 'machines').trim().split('\r\n');
    expect(machine[0]).toBe('section,measure,category,value');
    expect(machine).toContain('report,la_code,,E06000014');
    expect(machine).toContain('children,matched,,15');
    expect(machine).toContain('children,access_rate,,0.03');
    expect(machine).toContain('breakdowns,matched.sex,female,8');
    expect(machine).toContain('children,meets_target,,false');
  });
});

describe('the bar chart', () => {
  it('gives each bar its label and value in text, and a length as a share of the longest', () => {
    const chart = barChart({
      title: 'Waiting <by> area',
      description: 'Median days waited, in and out of area',
      bars: [
        { label: 'In area', value: 90, text: '90 days' },
        { label: 'Out of area', value: 180, text: '180 days' },
        { label: 'Protected', value: 0, text: 'c' },
      ],
    });
    expect(chart.id).toBe('waiting-by-area');
    expect(chart.bars.map((b) => [b.label, b.text, b.length])).toEqual([
      ['In area', '90 days', 50],
      ['Out of area', '180 days', 100],
      ['Protected', 'c', 0],
    ]);
  });

  it('draws a range on its scale, and a fixed scale when asked', () => {
    const chart = barChart({
      title: 'Projected',
      description: 'Runs',
      max: 0.2,
      bars: [{ label: 'Month 1', value: 0.05, low: 0.04, high: 0.1, text: '5.0%' }],
    });
    expect(chart.bars[0]).toMatchObject({ length: 25, lowAt: 20, highAt: 50 });
  });
});
