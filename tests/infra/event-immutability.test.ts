import { describe, expect, it } from 'vitest';
import type { Templates } from '../../infra/local/resources';
import { synthesizeTemplates } from '../../infra/local/template';
import { buildSystem } from '../../infra/system';

/**
 * Nothing may update or delete an event: every IAM policy in every template is scanned. The only write to the events
 * table is the event store's append, a TransactWriteItems of conditional Puts, which IAM authorises as
 * dynamodb:PutItem (and dynamodb:ConditionCheckItem); only the functions that run commands may do that.
 */
const templates = synthesizeTemplates() as Templates;
const system = buildSystem({ bundle: false });
const eventsLogicalId = system.data.getLogicalId(system.data.eventsTable.node.defaultChild as never);

/** The functions that run commands: the API, the web pages, the deadline workflow's steps and the retention sweep. */
const APPENDERS =
  /^(IvWeb\/(Api|Web)|IvWorkflow\/DeadlineTasks|IvRetention\/RetentionSweep)ServiceRoleDefaultPolicy/;

const ITEM_CHANGES = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:PartiQLInsert',
];
const ALL_WRITES = [...ITEM_CHANGES, 'dynamodb:PutItem'];

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
interface Grant {
  where: string;
  statement: Statement;
}

function policyGrants(): Grant[] {
  const grants: Grant[] = [];
  for (const [stack, template] of Object.entries(templates)) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      const p = resource.Properties ?? {};
      const documents: unknown[] =
        resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy'
          ? [p.PolicyDocument]
          : resource.Type === 'AWS::IAM::Role'
            ? ((p.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []).map(
                (x) => x.PolicyDocument,
              )
            : [];
      for (const document of documents)
        for (const statement of (document as { Statement: Statement[] }).Statement)
          grants.push({ where: `${stack}/${id}`, statement });
    }
  }
  return grants;
}

/** Does an action pattern in a policy (which may hold * or ?) match this action? */
const matches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(action);
const allows = (statement: Statement, actions: string[]) =>
  statement.Effect === 'Allow' &&
  [statement.Action].flat().some((pattern) => actions.some((action) => matches(pattern, action)));
const onEvents = (statement: Statement) => {
  const resources = JSON.stringify(statement.Resource);
  return resources.includes(eventsLogicalId) || [statement.Resource].flat().includes('*');
};

describe('no one can change or delete an event', () => {
  const grants = policyGrants();

  it('scans the policies of every stack', () => {
    expect(grants.length).toBeGreaterThan(20);
    expect(new Set(grants.map((g) => g.where.split('/')[0]))).toEqual(
      new Set(['IvAudit', 'IvMessaging', 'IvWorkflow', 'IvReadModels', 'IvRetention', 'IvWeb']),
    );
  });

  it('grants UpdateItem, DeleteItem, BatchWriteItem or PartiQL writes on the events table to nobody', () => {
    const offending = grants.filter((g) => onEvents(g.statement) && allows(g.statement, ITEM_CHANGES));
    expect(offending.map((g) => g.where)).toEqual([]);
  });

  it('lets only the command-running functions put (append) events', () => {
    const putters = grants
      .filter((g) => onEvents(g.statement) && allows(g.statement, ALL_WRITES))
      .map((g) => g.where);
    expect(putters.length).toBe(4);
    for (const where of putters) expect(where).toMatch(APPENDERS);
  });

  it('attaches no AWS managed policy beyond the basic logging role', () => {
    for (const template of Object.values(templates))
      for (const resource of Object.values(template.Resources))
        if (resource.Type === 'AWS::IAM::Role')
          for (const arn of (resource.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? [])
            expect(JSON.stringify(arn)).toContain('service-role/AWSLambdaBasicExecutionRole');
  });

  it('the matcher behind these checks sees wildcards', () => {
    expect(allows({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }, ['dynamodb:UpdateItem'])).toBe(
      true,
    );
    expect(allows({ Effect: 'Allow', Action: ['dynamodb:Update*'], Resource: '*' }, ITEM_CHANGES)).toBe(true);
    expect(allows({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }, ALL_WRITES)).toBe(false);
    expect(allows({ Effect: 'Deny', Action: '*', Resource: '*' }, ALL_WRITES)).toBe(false);
  });
});
