import type { Principal } from '../access';
import { actorOf } from '../children/children';
import type { UploadedFile } from './ssda903/files';
import type { ImportRequest } from './ssda903/import';

/** An import by a signed-in person: always into their own local authority, with them as the actor. */
export const importBy = (
  principal: Principal,
  files: readonly UploadedFile[],
  districts: ReadonlySet<string>,
): ImportRequest => ({ la: principal.la, files, districts, actor: actorOf(principal) });
