import * as z from 'zod';
import { defineEvent, EventCatalog } from '../../events/catalog';

/** Two small contracts for exercising the store on its own, independent of the domain's events. */
export const NoteRecorded = defineEvent(
  'NoteRecorded',
  'A note was recorded (test contract).',
  z.object({ text: z.string().min(1), pages: z.number().int().nonnegative() }),
  {
    currentVersion: 2,
    previous: [
      {
        schemaVersion: 1,
        schema: z.object({ text: z.string().min(1) }),
        upcast: (data: { text: string }) => ({ ...data, pages: 0 }),
      },
    ],
  },
);
export const CounterIncremented = defineEvent(
  'CounterIncremented',
  'A counter went up (test contract).',
  z.object({ by: z.number().int().positive() }),
);

export const testCatalog = new EventCatalog([NoteRecorded, CounterIncremented]);
