import type * as z from 'zod';
import type { VolunteerProfile } from '../../events/contracts/volunteer';
import { DomainRuleBroken } from '../decider';

/**
 * A volunteer who asks for text messages must have a phone number on record, and one who asks for emails an email
 * address: otherwise the service would promise messages it cannot send.
 */
export function checkContactChannel(profile: z.infer<typeof VolunteerProfile>): void {
  if (profile.contactChannel === 'sms' && !profile.phone)
    throw new DomainRuleBroken(
      'To send text messages, enter the volunteer’s mobile phone number, or choose email.',
      422,
      'contact-channel-needs-detail',
    );
  if (profile.contactChannel === 'email' && !profile.email)
    throw new DomainRuleBroken(
      'To send emails, enter the volunteer’s email address, or choose text message.',
      422,
      'contact-channel-needs-detail',
    );
}
