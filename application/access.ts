import type { Role } from '../events/envelope';

/** A signed-in person (or the system), as every request sees them after authentication. */
export interface Principal {
  id: string;
  /** A display name for the header and the access log; synthetic locally. */
  name: string;
  role: Role;
  /** The LA the person works for, or 'national' for national analysts. */
  la: string;
  /**
   * For an Independent Visitor, the volunteer record they are (Cognito's custom:volunteer_id; a persona's own
   * locally). Without one, an Independent Visitor sees no child at all.
   */
  volunteerId?: string;
}

/**
 * What a person may do. Checked on the server for every request, together with the LA of the record: nobody sees
 * another LA's children, auditors only read, national analysts see aggregates only.
 */
export type Action =
  | 'child:read'
  | 'child:record'
  | 'children:import'
  | 'volunteers:import'
  | 'review:record'
  | 'volunteer:read'
  | 'volunteer:record'
  | 'match:make'
  | 'tasks:read'
  | 'report:la'
  | 'report:national'
  | 'audit:read'
  | 'clock:control'
  | 'personal:special-category'
  | 'personal-data:manage'
  | 'subject-access:export'
  | 'visitor:own-matches'
  | 'concern:raise'
  | 'concern:acknowledge'
  | 'concern:manage'
  | 'concern:read'
  | 'expense:decide';

const PERMISSIONS: Record<Action, readonly Role[]> = {
  'child:read': ['coordinator', 'social-worker', 'iro', 'manager', 'auditor', 'admin'],
  'child:record': ['coordinator', 'social-worker', 'manager', 'admin'],
  /** Import children from the LA's case system (SSDA903), and export their IV status back to it. */
  'children:import': ['coordinator', 'admin'],
  /** Import volunteers from the IV service's spreadsheet. */
  'volunteers:import': ['coordinator', 'admin'],
  'review:record': ['iro', 'manager', 'admin'],
  'volunteer:read': ['coordinator', 'manager', 'auditor', 'admin'],
  'volunteer:record': ['coordinator', 'manager', 'admin'],
  'match:make': ['coordinator', 'manager', 'admin'],
  'tasks:read': ['coordinator', 'social-worker', 'iro', 'manager', 'admin'],
  'report:la': ['coordinator', 'manager', 'auditor', 'admin'],
  'report:national': ['national-analyst', 'admin'],
  'audit:read': ['auditor', 'admin'],
  'clock:control': ['admin'],
  // UK GDPR Art. 9 data of a named person (ethnicity, health needs, faith and culture preferences): those who work
  // with the child see it; managers (who read aggregates) and auditors (who check what was done, by whom) do not.
  'personal:special-category': ['coordinator', 'social-worker', 'iro', 'admin'],
  // Legal holds and erasure on request: the LA's data protection lead, whom the admin or a manager stands for.
  'personal-data:manage': ['manager', 'admin'],
  'subject-access:export': ['manager', 'auditor', 'admin'],
  // An Independent Visitor's own service: their active matches and the visits they record. Only ever their own
  // (application/visitors checks each child against the volunteer record they are): no member of staff uses it.
  'visitor:own-matches': ['independent-visitor'],
  // Safeguarding concerns. An IV raises one about a child they visit through their own service (visitor:own-matches).
  'concern:raise': ['coordinator', 'social-worker', 'manager', 'admin'],
  // The coordinator acknowledges a concern the day it is raised (a manager or an admin may stand in).
  'concern:acknowledge': ['coordinator', 'manager', 'admin'],
  // Telling the social worker, referring an allegation to the LADO, recording the outcome.
  'concern:manage': ['coordinator', 'social-worker', 'manager', 'admin'],
  // What a concern says: those who act on it, and the IRO who oversees the child's care; never an auditor (who sees
  // that a concern was raised and handled, by whom and when) nor a national analyst (reports count them only).
  'concern:read': ['coordinator', 'social-worker', 'iro', 'manager', 'admin'],
  // Approving or rejecting a volunteer's expense claim, and opening its receipt (personal data): the coordinator,
  // or a manager or an admin standing in. An IV claims through their own service (visitor:own-matches).
  'expense:decide': ['coordinator', 'manager', 'admin'],
};

export const mayDo = (principal: Principal, action: Action): boolean =>
  PERMISSIONS[action].includes(principal.role);

export const rolesFor = (action: Action): readonly Role[] => PERMISSIONS[action];

export const roleMay = (role: Role, action: Action): boolean => PERMISSIONS[action].includes(role);
