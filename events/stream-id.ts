import * as z from 'zod';

/**
 * Stream names, built and parsed in one place: `<kind>#<id>`. The kind names the aggregate, so a stream can never be
 * mistaken for another kind's; the id is one of our own record ids (letters, digits and dashes).
 */
export const STREAM_KINDS = ['child', 'volunteer'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

const PATTERN = /^(child|volunteer)#([0-9A-Za-z-]{1,64})$/;

export const StreamId = z.string().regex(PATTERN, 'must look like child#<id>');
export type StreamId = z.infer<typeof StreamId>;

export const toStreamId = (kind: StreamKind, id: string): string => `${kind}#${id}`;

/** The kind and id a stream id names; throws on anything that is not a stream id. */
export function fromStreamId(streamId: string): { kind: StreamKind; id: string } {
  const match = PATTERN.exec(streamId);
  if (!match) throw new Error(`"${streamId}" is not a stream id such as child#<id>`);
  return { kind: match[1] as StreamKind, id: match[2]! };
}

export const streamKind = (streamId: string): StreamKind => fromStreamId(streamId).kind;
export const childStreamId = (childId: string): string => toStreamId('child', childId);
export const volunteerStreamId = (volunteerId: string): string => toStreamId('volunteer', volunteerId);
