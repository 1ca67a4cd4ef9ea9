import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../application/ports/clock';
import { logicalIdOfArn } from './resources';

/**
 * Runs the synthesized state machines with aws-local-stepfunctions, the definition exactly as CDK wrote it.
 *
 * Waits are driven by the controllable clock, and survive a restart: when an execution enters a Wait state, the
 * runner records when it should wake and where it carries on (the Wait's Next, with the Wait's input, which a Wait
 * passes through unchanged), then stops that run. When the clock reaches the wake time, the same definition is run
 * again starting at that state. An execution interrupted mid-way (a crash, a stop) carries on from its last wait,
 * so its tasks may run again: they are idempotent, as Step Functions' at-least-once task delivery requires anyway.
 */
export interface LocalMachine {
  logicalId: string;
  name: string;
  arn: string;
  definition: Record<string, unknown>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface LocalExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: unknown;
  startDate: string;
  status: ExecutionStatus;
  /** Where the execution carries on, and (when waiting) from what instant. */
  resume?: { startAt: string; input: unknown; wakeAt?: string };
  output?: unknown;
  error?: { Error: string; Cause: unknown };
  stopDate?: string;
  /** The states entered, in order, with the local clock's time: the local execution history. */
  history: Array<{ at: string; state: string; type: string }>;
}

export class ExecutionAlreadyExists extends Error {
  constructor(name: string) {
    super(`Execution Already Exists: '${name}'`);
    this.name = 'ExecutionAlreadyExists';
  }
}

type Invoke = (functionLogicalId: string, payload: unknown) => Promise<unknown>;

export interface LocalStepFunctionsOptions {
  machines: LocalMachine[];
  /** Calls the handler code bound to a Lambda function of the template. */
  invoke: Invoke;
  clock: Clock;
  /**
   * A folder that keeps executions across restarts, one JSON file each, written whenever an execution starts, enters
   * a wait or ends (before the start is acknowledged, before a wait counts as reached); in memory when absent.
   */
  folder?: string;
  /** Retry intervals locally, in ms: the ASL's own Retry counts still apply, only the pauses shrink. */
  retryIntervalMs?: number;
  onFailed?: (execution: LocalExecution) => void;
}

const FOREVER_MS = 2 ** 31 - 1;

export class LocalStepFunctions {
  private readonly executions = new Map<string, LocalExecution>();
  private readonly active = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, () => void>();
  private stopped = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    // Validate each definition as written once; resumed runs start mid-way, which the validator would call unreachable.
    for (const machine of options.machines)
      new StateMachine(machine.definition as unknown as StateMachineDefinition, {
        validationOptions: { checkArn: false, checkPaths: true },
      });
    if (options.folder) {
      mkdirSync(options.folder, { recursive: true });
      for (const name of readdirSync(options.folder).filter((n) => n.endsWith('.json'))) {
        const execution = JSON.parse(readFileSync(join(options.folder, name), 'utf8')) as LocalExecution;
        this.executions.set(execution.executionArn, execution);
      }
    }
  }

  machine(arnOrName: string): LocalMachine {
    const id = logicalIdOfArn(arnOrName);
    const found = this.options.machines.find(
      (m) => m.logicalId === id || m.name === id || m.arn === arnOrName,
    );
    if (!found) throw new Error(`no state machine ${arnOrName}`);
    return found;
  }

  /**
   * StartExecution with Step Functions' semantics for a Standard machine: a name is used once; starting a running
   * execution again with the same input returns it, anything else with that name is ExecutionAlreadyExists.
   */
  startExecution(request: { stateMachineArn: string; name: string; input: unknown }) {
    const machine = this.machine(request.stateMachineArn);
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${request.name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(request.input))
        return { executionArn, startDate: existing.startDate, alreadyRunning: true };
      throw new ExecutionAlreadyExists(request.name);
    }
    const startAt = machine.definition.StartAt as string;
    const execution: LocalExecution = {
      executionArn,
      stateMachineArn: machine.arn,
      name: request.name,
      input: request.input,
      startDate: this.options.clock.now().toISOString(),
      status: 'RUNNING',
      resume: { startAt, input: request.input },
      history: [],
    };
    this.executions.set(executionArn, execution);
    this.save(execution);
    this.runSegment(execution);
    return { executionArn, startDate: execution.startDate, alreadyRunning: false };
  }

  list(filter: { status?: ExecutionStatus } = {}): LocalExecution[] {
    return [...this.executions.values()].filter((e) => !filter.status || e.status === filter.status);
  }

  describe(executionArnOrName: string): LocalExecution | undefined {
    return (
      this.executions.get(executionArnOrName) ??
      [...this.executions.values()].find((e) => e.name === executionArnOrName)
    );
  }

  /** Wakes every execution whose wait is over (or that was interrupted); true when any was woken. */
  pump(): boolean {
    if (this.stopped) return false;
    const now = this.options.clock.now().getTime();
    let woke = false;
    for (const execution of this.executions.values()) {
      if (execution.status !== 'RUNNING' || this.active.has(execution.executionArn) || !execution.resume)
        continue;
      const wakeAt = execution.resume.wakeAt;
      if (wakeAt && Date.parse(wakeAt) > now) continue;
      woke = true;
      this.runSegment(execution);
    }
    return woke;
  }

  /** The earliest instant any waiting execution wakes, for someone deciding how far to move the clock. */
  nextWake(): Date | undefined {
    const times = this.list({ status: 'RUNNING' })
      .map((e) => e.resume?.wakeAt)
      .filter((t): t is string => Boolean(t))
      .map((t) => Date.parse(t));
    return times.length ? new Date(Math.min(...times)) : undefined;
  }

  /** Resolves when no execution is running a segment (each one is waiting, finished or failed). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()]);
  }

  /** Wakes and runs executions until none is running and none is due by the clock. */
  async settle(): Promise<void> {
    do await this.idle();
    while (this.pump());
    await this.idle();
  }

  busy(): boolean {
    return this.active.size > 0;
  }

  /** Stops running segments; their executions stay RUNNING and carry on from their last wait after a restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const abort of this.aborts.values()) abort();
    await Promise.allSettled([...this.active.values()]);
  }

  private runSegment(execution: LocalExecution): void {
    const promise = this.segment(execution)
      .catch((error) => {
        if (this.stopped) return;
        this.finish(execution, 'FAILED', { error: { Error: 'LocalRunnerError', Cause: String(error) } });
      })
      .finally(() => {
        this.active.delete(execution.executionArn);
        this.aborts.delete(execution.executionArn);
      });
    this.active.set(execution.executionArn, promise);
  }

  private async segment(execution: LocalExecution): Promise<void> {
    const machine = this.machine(execution.stateMachineArn);
    const resume = execution.resume!;
    const states = machine.definition.States as Record<string, Record<string, unknown>>;
    const definition = {
      ...machine.definition,
      StartAt: resume.startAt,
    } as unknown as StateMachineDefinition;
    const stateMachine = new StateMachine(definition, { validationOptions: { noValidate: true } });
    const waits = Object.keys(states).filter((name) => states[name]!.Type === 'Wait');
    const tasks = Object.keys(states).filter((name) => states[name]!.Type === 'Task');
    const run = stateMachine.run(resume.input as never, {
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          StartTime: execution.startDate,
          Input: execution.input as never,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
      overrides: {
        // Every Wait "sleeps forever": the runner stops the run on entering it and wakes it by the clock instead.
        waitTimeOverrides: Object.fromEntries(waits.map((name) => [name, FOREVER_MS])),
        retryIntervalOverrides: Object.fromEntries(
          tasks.map((name) => [name, this.options.retryIntervalMs ?? 5]),
        ),
        taskResourceLocalHandlers: Object.fromEntries(
          tasks.map((name) => [name, (input: unknown) => this.task(states[name]!, input) as never]),
        ),
      },
    });
    this.aborts.set(execution.executionArn, run.abort);

    let waiting = false;
    for await (const event of run.eventLogs) {
      if (event.type !== 'StateEntered') continue;
      execution.history.push({
        at: this.options.clock.now().toISOString(),
        state: event.state.name,
        type: event.state.type,
      });
      if (event.state.type === 'Wait') {
        const wait = states[event.state.name]!;
        if (wait.InputPath || wait.OutputPath)
          throw new Error('the local runner needs Wait states without paths');
        execution.resume = {
          startAt: wait.Next as string,
          input: event.state.input,
          wakeAt: wakeTime(wait, event.state.input, this.options.clock.now()).toISOString(),
        };
        this.save(execution);
        waiting = true;
        run.abort();
        break;
      }
    }
    if (waiting || this.stopped) {
      await run.result.catch(() => undefined);
      return;
    }
    try {
      const output = await run.result;
      this.finish(execution, 'SUCCEEDED', { output });
    } catch (error) {
      const failure = error as Error & { cause?: { name?: string; message?: string } };
      this.finish(execution, 'FAILED', {
        error: {
          Error: failure.cause?.name ?? failure.name,
          Cause: failure.cause?.message ?? failure.message,
        },
      });
    }
  }

  private finish(
    execution: LocalExecution,
    status: ExecutionStatus,
    result: Pick<LocalExecution, 'output' | 'error'>,
  ): void {
    Object.assign(execution, result, {
      status,
      resume: undefined,
      stopDate: this.options.clock.now().toISOString(),
    });
    this.save(execution);
    if (status === 'FAILED') this.options.onFailed?.(execution);
  }

  /** A Task state bound to local code: a Lambda function by ARN, lambda:invoke, or states:startExecution. */
  private async task(state: Record<string, unknown>, input: unknown): Promise<unknown> {
    const resource = state.Resource as string;
    if (resource.startsWith('arn:aws:lambda:')) return this.options.invoke(logicalIdOfArn(resource), input);
    if (resource === 'arn:aws:states:::lambda:invoke') {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
      return { StatusCode: 200, Payload: await this.options.invoke(logicalIdOfArn(FunctionName), Payload) };
    }
    if (resource === 'arn:aws:states:::states:startExecution') {
      const { StateMachineArn, Name, Input } = input as {
        StateMachineArn: string;
        Name: string;
        Input: unknown;
      };
      const started = this.startExecution({ stateMachineArn: StateMachineArn, name: Name, input: Input });
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    }
    throw new Error(`the local runner cannot run a Task with resource ${resource}`);
  }

  /** One small file per execution, replaced whole (write, then rename), so a kill at any instant leaves it readable. */
  private save(execution: LocalExecution): void {
    const folder = this.options.folder;
    if (!folder) return;
    const file = join(folder, `${execution.name}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(execution));
    renameSync(`${file}.tmp`, file);
  }
}

/** When a Wait state ends, from its Seconds, Timestamp, SecondsPath or TimestampPath, read against its input. */
export function wakeTime(wait: Record<string, unknown>, input: unknown, now: Date): Date {
  if (typeof wait.Seconds === 'number') return new Date(now.getTime() + wait.Seconds * 1000);
  if (typeof wait.Timestamp === 'string') return new Date(wait.Timestamp);
  if (typeof wait.SecondsPath === 'string')
    return new Date(now.getTime() + Number(readPath(input, wait.SecondsPath)) * 1000);
  if (typeof wait.TimestampPath === 'string') {
    const value = readPath(input, wait.TimestampPath);
    const time = new Date(String(value));
    if (Number.isNaN(time.getTime()))
      throw new Error(`${wait.TimestampPath} is not a timestamp: ${String(value)}`);
    return time;
  }
  throw new Error('a Wait state needs Seconds, Timestamp, SecondsPath or TimestampPath');
}

/** A reference path of the simple form the ASL uses here: $.a.b.c */
function readPath(input: unknown, path: string): unknown {
  if (!/^\$(\.[A-Za-z0-9_-]+)*$/.test(path))
    throw new Error(`the local runner reads simple paths only, not ${path}`);
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], input);
}
