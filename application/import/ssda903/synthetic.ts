import { type LocalDate, londonDateOf } from '../../../domain/calendar';
import type { ChildEventData } from '../../../events/contracts/child';
import { fromStreamId } from '../../../events/stream-id';
import { toCsv } from '../../reports/csv';
import { Random } from '../../simulation/random';
import { type GeneratedStream, type SimulateOptions, simulateLa } from '../../simulation/simulate';
import { toDmy } from '../dates';
import { REC_FOR_REASON } from './codes';
import { TABLES } from './files';

/*
 * An SSDA903 extract of made-up children: the generator's children (every fact decided by the real deciders), as
 * an LA's case system would report them. For tests, the benchmark and demos; never real data.
 */

/** Postcode districts of the made-up LA ("NV" is not a real postcode area), and some outside it. */
export const SYNTHETIC_DISTRICTS = ['NV1', 'NV2', 'NV3', 'NV4', 'NV5'];
const ELSEWHERE = ['QZ1', 'QZ2', 'QZ3', 'QZ4'];

/** What the generator recorded for one child: what an import of the extract must give back. */
export interface SyntheticChild {
  child: string;
  dateOfBirth: LocalDate;
  periods: Array<{ startedOn: LocalDate; endedOn?: LocalDate; reason?: string }>;
  placements: Array<{ on: LocalDate; inArea: boolean }>;
  reviews: LocalDate[];
}

export interface SyntheticExtract {
  files: { Header: string; Episodes: string; Reviews: string };
  children: SyntheticChild[];
}

/** An extract of the generator's children in one LA, as CSV text (UTF-8, CRLF). */
export function syntheticExtract(la: string, options: SimulateOptions): SyntheticExtract {
  return extractOf(simulateLa(la, options).streams, options.seed);
}

export function extractOf(streams: readonly GeneratedStream[], seed: string): SyntheticExtract {
  const rng = new Random(`${seed}:ssda903`);
  const header: unknown[][] = [[...TABLES.Header.columns, 'UASC']];
  const episodes: unknown[][] = [[...TABLES.Episodes.columns]];
  const reviews: unknown[][] = [[...TABLES.Reviews.columns]];
  const children: SyntheticChild[] = [];
  const postcode = (inArea: boolean) =>
    `${rng.pick(inArea ? SYNTHETIC_DISTRICTS : ELSEWHERE)} ${rng.int(1, 9)}${rng.pick(['AB', 'CD', 'EF', 'GH'])}`;

  for (const stream of streams) {
    if (!stream.streamId.startsWith('child#')) continue;
    const child = fromStreamId(stream.streamId).id.split('-').at(-1)!.toUpperCase();
    const facts = stream.batches.flatMap((b) => b.events);
    const entered = facts.find((e) => e.type === 'ChildEnteredCare');
    if (!entered) continue;
    const details = entered.data as ChildEventData<'ChildEnteredCare'>;
    const truth: SyntheticChild = {
      child,
      dateOfBirth: details.dateOfBirth,
      periods: [],
      placements: [],
      reviews: [],
    };
    children.push(truth);
    header.push([
      child,
      details.sex === 'male' ? 'M' : 'F',
      toDmy(details.dateOfBirth),
      details.ethnicity,
      '',
      '',
      '',
      details.unaccompaniedAsylumSeeking ? 1 : 0,
    ]);

    let open: { decom: LocalDate; rne: string; inArea: boolean } | undefined;
    const legalStatus = rng.pick(['C1', 'C2', 'C2', 'V2', 'E1']);
    const close = (dec: LocalDate, rec: string) => {
      if (!open) return;
      episodes.push([
        child,
        toDmy(open.decom),
        open.rne,
        legalStatus,
        'N1',
        rng.pick(['U4', 'U6', 'U1', 'K2']),
        'PR1',
        toDmy(dec),
        rec,
        '',
        '',
        postcode(open.inArea),
        '',
      ]);
      open = undefined;
    };
    for (const event of facts) {
      const on = londonDateOf(event.occurredAt!);
      const data = event.data as Record<string, unknown>;
      switch (event.type) {
        case 'ChildEnteredCare':
        case 'ChildReEnteredCare':
          open = { decom: on, rne: 'S', inArea: data.placementInLaArea as boolean };
          truth.periods.push({ startedOn: on });
          truth.placements.push({ on, inArea: open.inArea });
          break;
        case 'ChildPlacementChanged':
          close(on, 'X1');
          open = { decom: on, rne: 'P', inArea: data.placementInLaArea as boolean };
          truth.placements.push({ on, inArea: open.inArea });
          break;
        case 'ChildLeftCare': {
          const reason = data.reason as keyof typeof REC_FOR_REASON;
          close(on, REC_FOR_REASON[reason]);
          Object.assign(truth.periods.at(-1)!, { endedOn: on, reason });
          break;
        }
        case 'LookedAfterReviewHeld':
          reviews.push([
            child,
            toDmy(details.dateOfBirth),
            toDmy(on),
            rng.pick(['PN1', 'PN3', 'PN5', 'PN7']),
          ]);
          truth.reviews.push(on);
          break;
      }
    }
    if (open)
      episodes.push([
        child,
        toDmy(open.decom),
        open.rne,
        legalStatus,
        'N1',
        'U4',
        'PR1',
        '',
        '',
        '',
        '',
        postcode(open.inArea),
        '',
      ]);
  }
  return { files: { Header: toCsv(header), Episodes: toCsv(episodes), Reviews: toCsv(reviews) }, children };
}
