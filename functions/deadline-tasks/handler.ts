import { systemClock } from '../shared/clock';
import { lambdaLog } from '../shared/log';
import { storeFromEnvironment } from '../shared/store';
import { deadlinePorts } from './ports';
import { createDeadlineTasks } from './tasks';

/** Every Task state of the deadline state machine; the state's Parameters name the action. */
export const handler = createDeadlineTasks(
  deadlinePorts({
    store: storeFromEnvironment(process.env, systemClock),
    clock: systemClock,
    log: lambdaLog('deadline-tasks'),
  }),
);
