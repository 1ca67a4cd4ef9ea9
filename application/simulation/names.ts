import type { Random } from './random';

/**
 * Made-up people for the generated local authorities: first names and surnames drawn from lists common in England and
 * Wales, combined at random, so no generated person is anyone in particular. Some names carry accents, so search is
 * exercised on them.
 */
const FIRST = {
  female: [
    'Amelia', 'Olivia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Freya', 'Grace', 'Sophie', 'Chloé', 'Zoë', 'Ruby',
    'Ellie', 'Aoife', 'Siân', 'Megan', 'Nia', 'Leah', 'Maya', 'Aisha', 'Fatima', 'Zara', 'Amira', 'Hana', 'Priya',
    'Anaya', 'Kemi', 'Adaeze', 'Tiana', 'Shanice', 'Jade', 'Kayla', 'Maja', 'Zuzanna', 'Ioana', 'Eleni', 'Lucía',
    'Bethan', 'Ffion', 'Holly', 'Poppy', 'Evie', 'Imogen', 'Layla', 'Noor', 'Yasmin', 'Skye',
  ],
  male: [
    'Oliver', 'George', 'Noah', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Jack', 'Charlie', 'Jacob', 'Thomas', 'Alfie',
    'Jamie', 'Kai', 'Reuben', 'Rhys', 'Dylan', 'Owain', 'Cian', 'Callum', 'Mohammed', 'Yusuf', 'Ibrahim', 'Zayn',
    'Arjun', 'Rohan', 'Kwame', 'Tobi', 'Chidi', 'Marcus', 'Tyrese', 'Jayden', 'Kacper', 'Jakub', 'Andrei', 'Mihai',
    'José', 'Mateo', 'Luca', 'Rafael', 'Finley', 'Ethan', 'Mason', 'Logan', 'Riley', 'Ellis', 'Hamza', 'Bilal',
  ],
} as const;

const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Davies', 'Thomas', 'Roberts', 'Walker',
  'Wright', 'Hughes', 'Green', 'Hall', 'Wood', 'Clarke', 'Jackson', 'Harris', 'Lewis', 'Morgan', 'Price', 'Griffiths',
  'Baker', 'Turner', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Kelly', "O'Brien", 'Murphy', 'Byrne', 'Begum',
  'Khan', 'Ahmed', 'Hussain', 'Ali', 'Patel', 'Shah', 'Singh', 'Kaur', 'Okafor', 'Okonkwo', 'Adeyemi', 'Mensah',
  'Owusu', 'Boateng', 'Campbell', 'Grant', 'Francis', 'Nowak', 'Kowalski', 'Popescu', 'Novák', 'García', 'Fernández',
  'Silva', 'Costa', 'Nguyen', 'Chen', 'Wang', 'Li', 'Brightwell', 'Castell', 'Ashworth', 'Fairbairn', 'Pemberton',
  'Whitlock', 'Hargreaves', 'Thornbury', 'Llewellyn', 'Pritchard', 'Bevan', 'Lloyd-Jones', 'Rees', 'Abara',
];

/** Short forms some children go by, keyed by first name. */
const SHORT: Record<string, string> = {
  Oliver: 'Ollie', Thomas: 'Tom', Jacob: 'Jake', Mohammed: 'Mo', Alfie: 'Alf', Jamie: 'Jay', Rafael: 'Rafa',
  Amelia: 'Millie', Olivia: 'Liv', Sophie: 'Soph', Imogen: 'Immy', Eleni: 'Leni', Zuzanna: 'Zuza', Kayla: 'Kay',
};

export interface MadeUpName {
  firstNames: string;
  lastName: string;
  preferredName?: string;
}

/** A made-up name for a person of the given sex; `chanceOfShortName` of them go by a short form. */
export function madeUpName(rng: Random, sex: 'male' | 'female', chanceOfShortName = 0): MadeUpName {
  const first = rng.pick(FIRST[sex]);
  const middle = rng.chance(0.25) ? ` ${rng.pick(FIRST[sex])}` : '';
  const lastName = rng.chance(0.05) ? `${rng.pick(SURNAMES)}-${rng.pick(SURNAMES)}` : rng.pick(SURNAMES);
  const short = SHORT[first];
  return {
    firstNames: first + (middle.includes(first) ? '' : middle),
    lastName,
    ...(short && rng.chance(chanceOfShortName) ? { preferredName: short } : {}),
  };
}

/** The towns and districts of the generated LAs: where children are placed and volunteers travel to. */
export const DEMO_AREAS = ['Northvale town centre', 'Millbrook', 'Ashby Green', 'Kingsmead', 'Harrowfield', 'Eastbury'];
/** Placements outside the LA: the areas of neighbouring and further authorities. */
export const OUT_OF_AREA = ['Southmere', 'Westford', 'Carrow Bay', 'Linden Vale'];
