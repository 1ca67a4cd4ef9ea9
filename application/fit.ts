import type * as z from 'zod';
import type { VolunteerProfile } from '../events/contracts/volunteer';
import { AVAILABILITY, labelOf, tagList } from './labels';
import { folded } from './lists/keys';
import { ENGLISH_WORDS, type Words } from './words';

/**
 * How well a volunteer fits what a referral asks for: the child's wish for a woman or a man, shared interests and
 * languages, whether the volunteer travels to where the child is placed and is free when the child can be visited.
 * It only ranks: whether a match may be made at all is the domain's decideMatch. Each point has its reason, good or
 * not, so a coordinator sees why one volunteer is suggested before another.
 */
export interface Referral {
  needs: string[];
  interests: string[];
  preferences: string[];
  languages: string[];
  visitorSex?: 'female' | 'male';
  availability: string[];
}

export interface Fit {
  score: number;
  reasons: Array<{ text: string; good: boolean }>;
}

/** Each reason in English, its own key in the web's catalogues (`sentences`), where the Welsh is. */
export const FIT_WORDS = {
  asAsked: '{{wanted}}, as {{child}} asked',
  askedFor: '{{child}} asked for {{wanted}}',
  woman: 'a woman',
  man: 'a man',
  travelsTo: 'Travels to {{area}}',
  doesNotTravelTo: 'Does not say they travel to {{area}}',
  speaks: 'Speaks {{languages}}',
  doesNotSpeak: 'Does not speak {{languages}}',
  sharesInterests: 'Shares interests: {{interests}}',
  freeAt: 'Free at {{times}}',
  and: ' and ',
  notFree: 'Not free when the child can be visited',
} as const;
const F = FIT_WORDS;

const WEIGHTS = { sex: 4, area: 3, language: 3, interest: 1, availability: 1 } as const;

export function fitOf(
  referral: Referral | undefined,
  child: { called: string; placementArea?: string },
  volunteer: z.infer<typeof VolunteerProfile>,
  w: Words = ENGLISH_WORDS,
): Fit {
  const reasons: Fit['reasons'] = [];
  let score = 0;
  const good = (text: string, points: number) => {
    reasons.push({ text, good: true });
    score += points;
  };
  const bad = (text: string, points: number) => {
    reasons.push({ text, good: false });
    score -= points;
  };
  if (referral?.visitorSex) {
    const wanted = w.say(referral.visitorSex === 'female' ? F.woman : F.man);
    if (volunteer.sex === referral.visitorSex)
      good(w.say(F.asAsked, { wanted: capital(wanted), child: child.called }), WEIGHTS.sex);
    else bad(w.say(F.askedFor, { wanted, child: child.called }), WEIGHTS.sex);
  }
  if (child.placementArea) {
    const travels = (volunteer.travelAreas ?? []).some((a) => folded(a) === folded(child.placementArea!));
    const area = { area: child.placementArea };
    if (travels) good(w.say(F.travelsTo, area), WEIGHTS.area);
    else bad(w.say(F.doesNotTravelTo, area), WEIGHTS.area);
  }
  // A BSL signer need is met by a volunteer who signs.
  const wantedLanguages = [
    ...(referral?.languages ?? []).filter((l) => l !== 'english'),
    ...((referral?.needs ?? []).some((n) => n.includes('bsl')) ? ['bsl'] : []),
  ];
  const speaks = new Set((volunteer.languages ?? []).map((l) => (l.includes('sign-language') ? 'bsl' : l)));
  const shared = wantedLanguages.filter((l) => speaks.has(l.includes('sign-language') ? 'bsl' : l));
  if (shared.length > 0)
    good(w.say(F.speaks, { languages: tagList(shared) }), WEIGHTS.language * shared.length);
  else if (wantedLanguages.length > 0)
    bad(w.say(F.doesNotSpeak, { languages: tagList(wantedLanguages) }), WEIGHTS.language);
  const interests = (referral?.interests ?? []).filter((i) => (volunteer.interests ?? []).includes(i));
  if (interests.length > 0)
    good(w.say(F.sharesInterests, { interests: tagList(interests) }), WEIGHTS.interest * interests.length);
  const when = (referral?.availability ?? []).filter((a) =>
    (volunteer.availability ?? []).includes(a as never),
  );
  if (when.length > 0)
    good(
      w.say(F.freeAt, {
        times: when.map((a) => w.term(labelOf(AVAILABILITY, a)).toLowerCase()).join(w.say(F.and)),
      }),
      WEIGHTS.availability,
    );
  else if ((referral?.availability ?? []).length > 0) bad(w.say(F.notFree), WEIGHTS.availability);
  return { score, reasons };
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
