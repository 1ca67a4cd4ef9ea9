import { LOCAL_AUTHORITIES, type LocalAuthority } from '../../domain/local-authorities';
import { Random } from './random';

/** Children looked after: England 81,770 at 31 March 2025; Wales 7,198 at 31 March 2024 (domain brief). */
export const LOOKED_AFTER = { england: 81_770, wales: 7_198 } as const;

export interface LaSize extends LocalAuthority {
  children: number;
}

/**
 * How many children each LA looks after, summing to the national figures (times `scale`): counties largest, London
 * boroughs smaller, the City of London and the Isles of Scilly a handful, with seeded variation between LAs.
 */
export function populationOf(options: { seed: string; scale?: number }): LaSize[] {
  const rng = new Random(`${options.seed}:sizes`);
  const scale = options.scale ?? 1;
  const weightOf = (la: LocalAuthority) => {
    const tiny = la.code === 'E09000001' || la.code === 'E06000053' ? 0.02 : 1;
    const kind = la.code.slice(0, 3);
    const base = kind === 'E10' ? 3.5 : kind === 'E08' ? 1.4 : kind === 'E09' ? 0.6 : 1;
    return base * tiny * rng.logNormal(1, 0.4);
  };
  const weighted = LOCAL_AUTHORITIES.map((la) => ({ la, weight: weightOf(la) }));
  const sizes: LaSize[] = [];
  for (const country of ['E', 'W'] as const) {
    const group = weighted.filter((w) => w.la.code.startsWith(country));
    const total = group.reduce((sum, w) => sum + w.weight, 0);
    const target = (country === 'E' ? LOOKED_AFTER.england : LOOKED_AFTER.wales) * scale;
    for (const { la, weight } of group)
      sizes.push({ ...la, children: Math.max(1, Math.round((weight / total) * target)) });
  }
  return sizes;
}
