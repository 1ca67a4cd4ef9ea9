import { type Decider, DomainRuleBroken } from '../../domain/decider';

/** A small aggregate over the test catalog's events, for exercising replay independently of the domain. */
export type TallyEvent =
  | { type: 'CounterIncremented'; data: { by: number } }
  | { type: 'NoteRecorded'; data: { text: string; pages: number } };
export type TallyCommand = { kind: 'increment'; by: number } | { kind: 'note'; text: string; pages: number };
export interface TallyState {
  total: number;
  notes: Array<{ text: string; pages: number; recordedBy: string }>;
  lastOccurredAt?: string;
}

export const LIMIT = 1000;

export const tallyDecider: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: { total: 0, notes: [] },
  evolve(state, event, meta) {
    switch (event.type) {
      case 'CounterIncremented':
        return { ...state, total: state.total + event.data.by, lastOccurredAt: meta.occurredAt };
      case 'NoteRecorded':
        return {
          ...state,
          notes: [...state.notes, { ...event.data, recordedBy: meta.actor.id }],
          lastOccurredAt: meta.occurredAt,
        };
    }
  },
  decide(command, state) {
    if (command.kind === 'increment') {
      if (state.total + command.by > LIMIT)
        throw new DomainRuleBroken(`the total may not pass ${LIMIT}`, 409);
      return [{ type: 'CounterIncremented', data: { by: command.by } }];
    }
    return [{ type: 'NoteRecorded', data: { text: command.text, pages: command.pages } }];
  },
};
