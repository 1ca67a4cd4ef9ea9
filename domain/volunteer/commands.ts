import type * as z from 'zod';
import type { VolunteerProfile } from '../../events/contracts/volunteer';
import type { LocalDate } from '../calendar';
import type { ObligationCommand } from '../child/commands';
import type { PersonalDataCommand } from '../personal-data';
import type { DbsLevel } from '../policy';
import type { When } from '../recording';
import type { ClaimInput } from './expenses';
import type { IndependenceAnswers } from './independence';

export interface DbsCertificateInput {
  level: DbsLevel;
  certificateNumber: string;
  issuedOn: LocalDate;
  updateServiceSubscribed: boolean;
}

/** What IV service staff ask to record on a volunteer's stream. Matching is in matching.ts (two streams). */
export type VolunteerCommand =
  | ({ type: 'Apply'; volunteerId: string; la: string } & z.infer<typeof VolunteerProfile> & When)
  | ({ type: 'ChangeDetails'; changes: z.infer<typeof VolunteerProfile> } & When)
  | ({ type: 'RecordReference'; referenceId: string; satisfactory: boolean } & When)
  | ({ type: 'RecordDbsCheck' } & DbsCertificateInput & When)
  | ({ type: 'RenewDbsCheck' } & DbsCertificateInput & When)
  | ({ type: 'RecordUpdateServiceCheck'; result: 'no-change' | 'new-information' } & When)
  | ({ type: 'RecordTraining'; course: string; completedOn?: LocalDate; expiresOn?: LocalDate } & When)
  | ({ type: 'ClaimExpense' } & ClaimInput & When)
  | { type: 'ApproveExpenseClaim'; claimId: string }
  | { type: 'RejectExpenseClaim'; claimId: string; reason: string }
  | ({ type: 'DeclareIndependence'; wordingVersion: string } & IndependenceAnswers & When)
  | ({ type: 'Approve'; capacity?: number } & When)
  | ({ type: 'ChangeCapacity'; capacity: number } & When)
  | ({ type: 'Pause'; reason: 'personal' | 'health' | 'work' | 'other' } & When)
  | ({ type: 'Resume' } & When)
  | ({ type: 'RecordSupervision' } & When)
  | ({ type: 'Suspend'; reason: 'safeguarding-concern' | 'dbs-new-information' | 'conduct' | 'other' } & When)
  | ({ type: 'LiftSuspension' } & When)
  | ({ type: 'Withdraw'; reason: 'own-choice' | 'not-approved' | 'removed' | 'other' } & When)
  | ObligationCommand
  | PersonalDataCommand;
