import { SFNClient } from '@aws-sdk/client-sfn';
import { systemClock } from '../shared/clock';
import { lambdaLog } from '../shared/log';
import { streamObligations } from '../shared/obligations';
import { storeFromEnvironment } from '../shared/store';
import { StepFunctionsStarter } from '../shared/workflows';
import { createObligationStarter } from './start';

const obligations = streamObligations({
  store: storeFromEnvironment(process.env, systemClock),
  clock: systemClock,
});

/** Target of the bus rule for every domain event except the deadline records themselves. */
export const handler = createObligationStarter({
  openObligations: (streamId, now) => obligations.openOn(streamId, now),
  workflows: new StepFunctionsStarter(new SFNClient({}), process.env.DEADLINE_STATE_MACHINE_ARN!),
  clock: systemClock,
  log: lambdaLog('obligation-starter'),
});
