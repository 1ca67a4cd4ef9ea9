import type { ChildDetails } from '../domain/child/state';
import { isWithheld } from '../events/personal-fields';
import { volunteerStreamId } from '../events/stream-id';
import type { App } from './app';
import { InvalidInput } from './errors';
import type { Field } from './fields';
import type { StaffMember } from './ports/staff-directory';
import { foldRecord, VOLUNTEER } from './records';

/**
 * People by name, not by id: the child's names as staff say them, and the names of the staff and volunteers that
 * events name by id. An id is never shown as a name: someone the directory no longer knows is "a former member of
 * staff".
 */
type Named = Pick<ChildDetails, 'firstNames' | 'lastName' | 'preferredName' | 'caseSystemId'> | undefined;

/** The names still held: an erased name is no name (it reads "Name erased" as a whole, never "[erased]"). */
function held(child: Named): Named {
  if (!child) return child;
  const keep = (value: string | undefined) => (value === undefined || isWithheld(value) ? undefined : value);
  return {
    firstNames: keep(child.firstNames),
    lastName: keep(child.lastName),
    preferredName: keep(child.preferredName),
    caseSystemId: keep(child.caseSystemId),
  };
}
const erased = (child: Named) => child?.lastName !== undefined && isWithheld(child.lastName);

/** The name a child is called by: their preferred name, or their first name. */
export const calledName = (named: Named): string | undefined => {
  const child = held(named);
  return child?.preferredName ?? child?.firstNames?.split(/\s+/)[0];
};

/** The child's full name as a heading shows it: "Jay (Jamie) Okonkwo" when they go by another name. */
export function fullName(named: Named): string {
  if (erased(named)) return 'Name erased';
  const child = held(named);
  if (!child?.lastName && !child?.firstNames)
    return child?.caseSystemId ? `Child ${child.caseSystemId} (name not recorded)` : 'Name not recorded';
  const legal = [child.firstNames, child.lastName].filter(Boolean).join(' ');
  return child.preferredName && child.preferredName !== child.firstNames?.split(/\s+/)[0]
    ? `${child.preferredName} (${legal})`
    : legal;
}

/** The name a list sorts a child by, and prints: "Okonkwo, Jamie". */
export const listName = (named: Named): string => {
  const child = held(named);
  return child?.lastName
    ? `${child.lastName}, ${calledName(child) ?? ''}`.replace(/, $/, '')
    : fullName(named);
};

/** The child as a sentence names them: "Jay", or "the child" when no name is recorded. */
export const childInSentence = (child: Named): string => calledName(child) ?? 'the child';

export const FORMER_STAFF = 'a former member of staff';
export const AUTOMATED = 'The automated reminders';

/**
 * Names for the ids a page shows, looked up once: staff from the directory, volunteers from their own records (read
 * strongly, so a match just made names its volunteer; a child's record names only a few).
 */
export interface NameBook {
  staff(id: string | undefined): string;
  volunteer(id: string | undefined): string;
}

export async function nameBook(
  app: App,
  ids: { staff?: Iterable<string | undefined>; volunteers?: Iterable<string | undefined> },
): Promise<NameBook> {
  const unique = (values: Iterable<string | undefined> = []) =>
    [...new Set(values)].filter((v): v is string => typeof v === 'string' && v.length > 0);
  const [staff, volunteers] = await Promise.all([
    Promise.all(unique(ids.staff).map(async (id) => [id, (await app.staff.member(id))?.name] as const)),
    Promise.all(
      unique(ids.volunteers).map(
        async (id) =>
          [
            id,
            foldRecord(VOLUNTEER, app.policies, await app.store.read(volunteerStreamId(id))).profile.name,
          ] as const,
      ),
    ),
  ]);
  const staffNames = new Map(staff);
  const volunteerNames = new Map(volunteers);
  return {
    staff: (id) => (id && staffNames.get(id)) || FORMER_STAFF,
    volunteer: (id) => {
      const name = id && volunteerNames.get(id);
      if (name && isWithheld(name)) return 'a volunteer whose name is erased';
      return name || 'a volunteer whose name is not recorded';
    },
  };
}

/** The staff a form's staff fields may name, for its choices: the LA's members with each field's role. */
export async function staffChoices(app: App, la: string, fields: readonly Field[]) {
  const choices: Record<string, Array<{ value: string; text: string }>> = {};
  for (const field of fields)
    if (field.kind === 'staff')
      choices[field.name] = (await app.staff.membersOf(la, field.role)).map((m) => ({
        value: m.id,
        text: m.team ? `${m.name} (${m.team})` : m.name,
      }));
  return choices;
}

const ROLE_WORDS = { 'social-worker': 'social worker', iro: 'independent reviewing officer' } as const;

/**
 * Every staff field of a request checked against the directory: the person must be there, work for the caller's LA
 * and hold the field's role. Throws InvalidInput naming each field that is wrong, with how to put it right.
 */
export async function checkStaff(
  app: App,
  la: string,
  fields: readonly Field[],
  input: Record<string, unknown>,
): Promise<void> {
  const problems = await staffProblems(app, la, fields, input);
  if (problems.length > 0) throw new InvalidInput(problems);
}

export async function staffProblems(
  app: App,
  la: string,
  fields: readonly Field[],
  input: Record<string, unknown>,
): Promise<Array<{ field: string; message: string }>> {
  const problems: Array<{ field: string; message: string }> = [];
  for (const field of fields) {
    const id = input[field.name];
    if (field.kind !== 'staff' || typeof id !== 'string' || id === '') continue;
    const member: StaffMember | undefined = await app.staff.member(id);
    if (!member || member.la !== la)
      problems.push({
        field: field.name,
        message: `There is no ${ROLE_WORDS[field.role]} with that name in your local authority. Select one from the list.`,
      });
    else if (member.role !== field.role)
      problems.push({
        field: field.name,
        message: `${member.name} is not a ${ROLE_WORDS[field.role]}. Select a ${ROLE_WORDS[field.role]} from the list.`,
      });
  }
  return problems;
}
