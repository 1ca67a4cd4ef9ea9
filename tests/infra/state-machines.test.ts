import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  eventRules,
  resourcesOfType,
  stateMachines,
  streamMappings,
  type Templates,
} from '../../infra/local/resources';
import { synthesizeTemplates } from '../../infra/local/template';

const require = createRequire(import.meta.url);
const validator = require('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: Array<{ message: string }> };

const templates = synthesizeTemplates() as Templates;
const machines = stateMachines(templates);

describe('every state machine in the synthesized template', () => {
  it('there is at least the deadline workflow', () => {
    expect(machines.map((m) => m.logicalId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Deadline/)]),
    );
  });

  it.each(machines.map((m) => [m.logicalId, m] as const))('%s passes asl-validator', (_id, machine) => {
    const result = validator(machine.definition, { checkPaths: true, checkArn: true });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it.each(machines.map((m) => [m.logicalId, m] as const))(
    '%s uses JSONPath only, which the local runner can execute faithfully',
    (_id, machine) => {
      const text = JSON.stringify(machine.definition);
      expect(machine.definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
      expect(text).not.toContain('"Assign"');
      expect(text).not.toContain('{%');
      expect(machine.properties.StateMachineType).toBe('STANDARD');
      expect(machine.properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(machine.properties.LoggingConfiguration).toBeDefined();
    },
  );
});

describe('messaging wiring', () => {
  it('the publisher reads the events stream in batches, reports partial failures, bisects, and has an on-failure queue', () => {
    const [mapping] = streamMappings(templates);
    expect(mapping).toMatchObject({
      reportBatchItemFailures: true,
      bisectOnError: true,
      maxRetries: expect.any(Number),
      onFailureQueue: expect.stringMatching(/^PublisherFailures/),
    });
  });

  it('every dead-letter queue has an alarm, and every rule target has a retry policy and a dead-letter queue', () => {
    const queues = resourcesOfType(templates, 'AWS::SQS::Queue').map((q) => q.logicalId);
    const alarmed = JSON.stringify(resourcesOfType(templates, 'AWS::CloudWatch::Alarm'));
    for (const queue of queues) expect(alarmed).toContain(queue);
    for (const rule of eventRules(templates))
      for (const target of rule.targets) {
        expect(target.deadLetterQueue).toBeDefined();
        expect(target.maxRetries).toBeLessThan(185);
      }
    expect(resourcesOfType(templates, 'AWS::Events::Archive')).toHaveLength(1);
  });

  it('each function may do only what it does: the publisher puts events and cannot write tables', () => {
    const policies = resourcesOfType(templates, 'AWS::IAM::Policy');
    const publisher = JSON.stringify(
      policies.find((p) => p.logicalId.startsWith('PublisherServiceRole'))!.properties,
    );
    expect(publisher).toContain('events:PutEvents');
    expect(publisher).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/);
    const starter = JSON.stringify(
      policies.find((p) => p.logicalId.startsWith('ObligationStarterServiceRole'))!.properties,
    );
    expect(starter).toContain('states:StartExecution');
    expect(starter).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/);
    // Ours, that is: CDK's own BucketDeployment handler (the static files upload) is CDK's Python.
    const functions = resourcesOfType(templates, 'AWS::Lambda::Function').filter(
      (fn) => !fn.logicalId.startsWith('CustomCDKBucketDeployment'),
    );
    for (const fn of functions) expect(fn.properties.Runtime).toBe('nodejs22.x');
  });
});
