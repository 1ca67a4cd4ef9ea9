/**
 * The environment variables the functions are configured by: defined once, here. CDK writes them (with
 * `environmentOf`), the composition root reads them (with `setting`), and the local runtime reads the same
 * variables from the synthesized template.
 */
export const ENV = {
  eventsTable: 'EVENTS_TABLE',
  commandsTable: 'COMMANDS_TABLE',
  accessLogTable: 'ACCESS_LOG_TABLE',
  personalDataKeysTable: 'PERSONAL_DATA_KEYS_TABLE',
  personalDataKeyArn: 'PERSONAL_DATA_KEY_ARN',
  /** The keys table, named to the notifier alone: it opens volunteers' keys only (volunteersOnly). */
  volunteerDataKeysTable: 'VOLUNTEER_DATA_KEYS_TABLE',
  childSummaryTable: 'CHILD_SUMMARY_TABLE',
  volunteerSummaryTable: 'VOLUNTEER_SUMMARY_TABLE',
  anchorBucket: 'ANCHOR_BUCKET',
  receiptBucket: 'RECEIPT_BUCKET',
  eventBusName: 'EVENT_BUS_NAME',
  deadlineStateMachineArn: 'DEADLINE_STATE_MACHINE_ARN',
  notificationsTable: 'NOTIFICATIONS_TABLE',
  notifyApiKeySecret: 'NOTIFY_API_KEY_SECRET',
  notifyTemplates: 'NOTIFY_TEMPLATES',
  recordBaseUrl: 'RECORD_BASE_URL',
  teamMailboxes: 'TEAM_MAILBOXES',
  viewsPath: 'VIEWS_PATH',
  govukFrontendPath: 'GOVUK_FRONTEND_PATH',
  authDomainUrl: 'AUTH_DOMAIN_URL',
  authClientId: 'AUTH_CLIENT_ID',
  siteUrl: 'SITE_URL',
  /** The Cognito user pool the staff directory is read from. */
  userPoolId: 'USER_POOL_ID',
  /** The Entra ID federation's group-to-role mapping (JSON), for the pre token generation trigger. */
  federation: 'FEDERATION_SETTINGS',
} as const;
export type Setting = keyof typeof ENV;
export type Environment = Readonly<Record<string, string | undefined>>;

/** A function's environment, as CDK writes it: settings by name. */
export const environmentOf = (values: Partial<Record<Setting, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).flatMap(([setting, value]) =>
      value === undefined ? [] : [[ENV[setting as Setting], value]],
    ),
  );

/** A setting the function cannot run without: a missing one stops it at start, saying which. */
export function setting(env: Environment, name: Setting): string {
  const value = env[ENV[name]];
  if (!value) throw new Error(`${ENV[name]} is not set`);
  return value;
}

export const optionalSetting = (env: Environment, name: Setting): string | undefined =>
  env[ENV[name]] || undefined;
