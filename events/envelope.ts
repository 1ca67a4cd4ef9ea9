import * as z from 'zod';

/**
 * Who may act in the system. `system` is the automated reminders; it never stands for a person. An
 * `independent-visitor` is a volunteer, not staff: they see and record only what concerns their own active matches.
 */
export const Role = z.enum([
  'coordinator',
  'social-worker',
  'iro',
  'manager',
  'auditor',
  'admin',
  'national-analyst',
  'independent-visitor',
  'system',
]);
export type Role = z.infer<typeof Role>;

/** A local authority, by its ONS (GSS) code: E… in England, W… in Wales. */
export const LaCode = z
  .string()
  .regex(/^[EW]\d{8}$/, 'must be an ONS local authority code such as E08000035');
export type LaCode = z.infer<typeof LaCode>;

export const Actor = z.object({
  id: z.string().min(1).max(128),
  role: Role,
  la: LaCode.or(z.literal('national')),
});
export type Actor = z.infer<typeof Actor>;

const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');
const Instant = z.iso.datetime({ offset: false });

export const EventMetadata = z.object({
  eventId: Ulid,
  /** When it happened in the world; may be earlier than recordedAt (backdated, with a reason). */
  occurredAt: Instant,
  /** When the system wrote it. */
  recordedAt: Instant,
  actor: Actor,
  reason: z.string().max(2000).optional(),
  correlationId: z.string().min(1).max(128),
  causationId: z.string().min(1).max(128),
  commandId: z.string().min(1).max(128),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** A fact as the domain sees it: a type and its data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** An event exactly as it sits in the store, in the schema version it was written with. */
export interface StoredEvent {
  streamId: string;
  version: number;
  /** The local authority the stream belongs to: every read is checked against it. */
  la: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}

/** An event as the application sees it: upcast to the current schema version, with the stored form kept for audit. */
export interface RecordedEvent<T extends string = string, D = unknown>
  extends Omit<StoredEvent, 'type' | 'data'> {
  type: T;
  data: D;
  stored: { schemaVersion: number; data: unknown };
}

/** The hash that stands before version 1 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);
