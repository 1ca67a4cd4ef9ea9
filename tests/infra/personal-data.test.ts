import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/environment';
import { buildSystem } from '../../infra/system';

/*
 * Who can open personal data: the people's data keys are wrapped by the personal-data KMS key and kept in the keys
 * table. Only the functions that read or write records may use them; the publisher (which sees every new event on
 * the table's stream) never can, and the notifier only for volunteers (a visitor's contact details), never a child.
 */
const system = buildSystem({ bundle: false });
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  system.data.getLogicalId(construct.node.defaultChild as never);
const keyId = idOf(system.data.personalDataKey);
const tableId = idOf(system.data.personalDataKeysTable);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every policy statement of every function's role, by the function's construct id. */
function grantsByFunction(): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  for (const stack of system.app.node.children.filter((c): c is Stack => c instanceof Stack)) {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { Type: string; Properties: { PolicyDocument?: { Statement: Statement[] } } }
    >;
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const fn = /^([A-Za-z]+?)ServiceRoleDefaultPolicy/.exec(id)?.[1];
      if (!fn) continue;
      const statements = resource.Properties.PolicyDocument?.Statement ?? [];
      out.set(fn, [...(out.get(fn) ?? []), ...statements]);
    }
  }
  return out;
}

const actionsOn = (statements: Statement[], logicalId: string) =>
  statements
    .filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Resource).includes(logicalId))
    .flatMap((s) => [s.Action].flat())
    .sort();

describe('personal data in AWS', () => {
  const grants = grantsByFunction();

  it('lets exactly the functions that read records open personal data, and those that write them seal it', () => {
    const onKey = Object.fromEntries([...grants].map(([fn, s]) => [fn, actionsOn(s, keyId)]));
    const onTable = Object.fromEntries([...grants].map(([fn, s]) => [fn, actionsOn(s, tableId)]));
    const writers = ['Api', 'Web', 'DeadlineTasks', 'RetentionSweep'];
    const readers = ['Projector', 'ObligationStarter', 'Reconciler'];
    for (const fn of writers) {
      expect(onKey[fn], fn).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(onTable[fn], fn).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    }
    for (const fn of readers) {
      expect(onKey[fn], fn).toEqual(['kms:Decrypt']);
      expect(onTable[fn], fn).toEqual(['dynamodb:GetItem']);
    }
    // The notifier unwraps volunteers' keys only: the conditions are checked in the next test and below.
    expect(onKey.Notifier).toEqual(['kms:Decrypt']);
    expect(onTable.Notifier).toEqual(['dynamodb:GetItem']);
    const others = [...grants.keys()].filter(
      (fn) => !writers.includes(fn) && !readers.includes(fn) && fn !== 'Notifier',
    );
    expect(others).toEqual(expect.arrayContaining(['Publisher', 'Anchor']));
    for (const fn of others) {
      expect(onKey[fn], fn).toEqual([]);
      expect(onTable[fn], fn).toEqual([]);
      // Nor any KMS action on every key.
      for (const s of grants.get(fn)!)
        if ([s.Action].flat().some((a) => a.startsWith('kms:')))
          expect([s.Resource].flat(), fn).not.toContain('*');
    }
  });

  it('uses the key only for a child or a volunteer named in the encryption context; the notifier for a volunteer', () => {
    for (const [fn, statements] of grants)
      for (const s of statements.filter((s) => JSON.stringify(s.Resource).includes(keyId)))
        expect(s.Condition, fn).toEqual({
          StringLike: {
            'kms:EncryptionContext:subject': fn === 'Notifier' ? ['volunteer#*'] : ['child#*', 'volunteer#*'],
          },
        });
  });

  it('lets the notifier read a volunteer’s key item only, never a child’s', () => {
    const onTable = grants.get('Notifier')!.filter((s) => JSON.stringify(s.Resource).includes(tableId));
    expect(onTable).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['volunteer#*'] } },
      }),
    ]);
  });

  it('names the keys table only to the functions that may open personal data', () => {
    const env = (stack: unknown, id: string) => {
      const t = Template.fromStack(stack as never).toJSON() as {
        Resources: Record<string, { Type: string; Properties: { Environment?: { Variables: object } } }>;
      };
      const [, fn] = Object.entries(t.Resources).find(
        ([k, r]) => r.Type === 'AWS::Lambda::Function' && k.startsWith(id),
      )!;
      return fn.Properties.Environment?.Variables ?? {};
    };
    for (const [stack, id] of [
      [system.messaging, 'Publisher'],
      [system.messaging, 'Notifier'],
    ] as const)
      expect(Object.keys(env(stack, id))).not.toContain(ENV.personalDataKeysTable);
    for (const [stack, id] of [
      [system.readModels, 'Projector'],
      [system.workflow, 'ObligationStarter'],
      [system.workflow, 'DeadlineTasks'],
      [system.retention, 'RetentionSweep'],
    ] as const)
      expect(Object.keys(env(stack, id))).toEqual(
        expect.arrayContaining([ENV.personalDataKeysTable, ENV.personalDataKeyArn]),
      );
  });

  it('keeps the key (rotating) and the keys table (backed up 14 days, then an erasure is beyond recovery)', () => {
    const data = Template.fromStack(system.data).toJSON() as {
      Resources: Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }>;
    };
    expect(data.Resources[keyId]).toMatchObject({
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
    expect(data.Resources[tableId]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: 'subject', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 14 },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      },
    });
  });

  it('runs the retention sweep every night', () => {
    Template.fromStack(system.retention).hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
    });
  });
});
