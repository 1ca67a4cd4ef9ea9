import type * as z from 'zod';
import { type PersonalField, personalFieldsOf, tolerantOfWithheld } from './personal-fields';

/** One event type: its schema at every version it has had, and how to lift each old version to the next. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  description: string;
  currentVersion: number;
  schema: S;
  /** Older versions: their schema and the upcaster that lifts their data to version + 1. */
  previous: ReadonlyArray<{ schemaVersion: number; schema: z.ZodType; upcast: (data: never) => unknown }>;
}

export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  description: string,
  schema: S,
  options: { currentVersion?: number; previous?: EventDefinition['previous'] } = {},
): EventDefinition<T, S> {
  return {
    type,
    description,
    schema,
    currentVersion: options.currentVersion ?? 1,
    previous: options.previous ?? [],
  };
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** An event whose data does not meet its contract. Nothing is written when this is thrown. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: FieldProblem[],
  ) {
    super(
      `${eventType} is not valid: ${problems.map((p) => `${p.path || '(data)'} ${p.message}`).join('; ')}`,
    );
    this.name = 'InvalidEventError';
  }
}

export const toProblems = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/** The set of event contracts a store accepts. Unknown types are refused on write and on read. */
export class EventCatalog {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
      this.byType.set(definition.type, definition);
    }
  }

  definitions(): EventDefinition[] {
    return [...this.byType.values()];
  }

  currentVersion(type: string): number {
    return this.definition(type).currentVersion;
  }

  /** Validates new data against the current version of its contract; returns the parsed data. */
  parseForWrite(type: string, schemaVersion: number, data: unknown): unknown {
    const definition = this.definition(type);
    if (schemaVersion !== definition.currentVersion) {
      throw new InvalidEventError(type, [
        { path: 'schemaVersion', message: `must be ${definition.currentVersion}, the current version` },
      ]);
    }
    return parse(type, definition.schema, data);
  }

  /**
   * Validates stored data (decrypted) against the version it was written with, then lifts it to the current version.
   * An erased or withheld personal field passes as ERASED or HIDDEN; an upcaster reading one must allow for that.
   */
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
    const definition = this.definition(type);
    let version = schemaVersion;
    let current = data;
    while (version < definition.currentVersion) {
      const step = definition.previous.find((p) => p.schemaVersion === version);
      if (!step)
        throw new InvalidEventError(type, [{ path: 'schemaVersion', message: `unknown version ${version}` }]);
      current = step.upcast(parse(type, tolerantOfWithheld(step.schema), current) as never);
      version++;
    }
    if (version !== definition.currentVersion) {
      throw new InvalidEventError(type, [
        { path: 'schemaVersion', message: `unknown version ${schemaVersion}` },
      ]);
    }
    return { schemaVersion: version, data: parse(type, tolerantOfWithheld(definition.schema), current) };
  }

  /** The personal fields of a type's data as written at `schemaVersion`: what the store seals and opens. */
  personalFields(type: string, schemaVersion: number): PersonalField[] {
    const definition = this.definition(type);
    const schema =
      schemaVersion === definition.currentVersion
        ? definition.schema
        : definition.previous.find((p) => p.schemaVersion === schemaVersion)?.schema;
    if (!schema)
      throw new InvalidEventError(type, [
        { path: 'schemaVersion', message: `unknown version ${schemaVersion}` },
      ]);
    return personalFieldsOf(schema);
  }

  private definition(type: string): EventDefinition {
    const definition = this.byType.get(type);
    if (!definition)
      throw new InvalidEventError(type, [{ path: 'type', message: `unknown event type ${type}` }]);
    return definition;
  }
}

function parse(type: string, schema: z.ZodType, data: unknown): unknown {
  const result = schema.safeParse(data);
  if (!result.success) throw new InvalidEventError(type, toProblems(result.error));
  return result.data;
}
