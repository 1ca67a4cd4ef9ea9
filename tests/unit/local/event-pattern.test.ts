import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../infra/local/event-pattern';

/** The examples of AWS's "Comparison operators for use in event patterns" page, each with a match and a miss. */
const event = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'e1',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail,
  ...extra,
});

const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]> = [
  // name, pattern (under detail), a matching detail, a non-matching detail
  [
    'and',
    { Location: ['New York'], Day: ['Monday'] },
    { Location: 'New York', Day: 'Monday' },
    { Location: 'New York', Day: 'Tuesday' },
  ],
  [
    'anything-but',
    { state: [{ 'anything-but': 'initializing' }] },
    { state: 'running' },
    { state: 'initializing' },
  ],
  [
    'anything-but a list',
    { state: [{ 'anything-but': ['stopped', 'overloaded'] }] },
    { state: 'running' },
    { state: 'overloaded' },
  ],
  ['anything-but a number', { 'x-limit': [{ 'anything-but': 123 }] }, { 'x-limit': 5 }, { 'x-limit': 123 }],
  [
    'anything-but (begins with)',
    { Region: [{ 'anything-but': { prefix: 'us-' } }] },
    { Region: 'eu-west-2' },
    { Region: 'us-east-1' },
  ],
  [
    'anything-but (ends with)',
    { FileName: [{ 'anything-but': { suffix: '.png' } }] },
    { FileName: 'a.txt' },
    { FileName: 'a.png' },
  ],
  [
    'anything-but (ignore case)',
    { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
    { state: 'running' },
    { state: 'INITIALIZING' },
  ],
  [
    'anything-but (ignore case, list)',
    { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
    { state: 'running' },
    { state: 'overloaded' },
  ],
  [
    'anything-but using a wildcard',
    { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { FilePath: '/usr/bin/ls' },
    { FilePath: '/usr/lib/x.so' },
  ],
  ['begins with', { Region: [{ prefix: 'us-' }] }, { Region: 'us-east-1' }, { Region: 'eu-west-2' }],
  [
    'begins with (ignore case)',
    { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
    { service: 'EventBridge' },
    { service: 'Lambda' },
  ],
  ['empty', { LastName: [''] }, { LastName: '' }, { LastName: 'Smith' }],
  ['equals', { Name: ['Alice'] }, { Name: 'Alice' }, { Name: 'alice' }],
  ['equals (ignore case)', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, { Name: 'Bob' }],
  ['ends with', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, { FileName: 'image.PNG' }],
  [
    'ends with (ignore case)',
    { service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] },
    { service: 'EVENTBRIDGE' },
    { service: 'Lambda' },
  ],
  ['exists', { ProductName: [{ exists: true }] }, { ProductName: 'x' }, { Other: 'x' }],
  ['does not exist', { ProductName: [{ exists: false }] }, { Other: 'x' }, { ProductName: 'x' }],
  ['null', { UserID: [null] }, { UserID: null }, { UserID: 'u1' }],
  ['numeric range', { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'c-count': 5 }, { 'c-count': 0 }],
  ['numeric equals', { 'x-limit': [{ numeric: ['=', 3.018e2] }] }, { 'x-limit': 301.8 }, { 'x-limit': 301 }],
  [
    'numeric never matches a string',
    { 'd-count': [{ numeric: ['<', 10] }] },
    { 'd-count': 3 },
    { 'd-count': '3' },
  ],
  [
    'IP address (IPv4 cidr)',
    { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] },
    { sourceIPAddress: '10.0.0.255' },
    { sourceIPAddress: '10.0.1.1' },
  ],
  [
    'IP address (IPv6 cidr)',
    { sourceIPAddress: [{ cidr: '2001:db8::/64' }] },
    { sourceIPAddress: '2001:db8::1' },
    { sourceIPAddress: '2001:db9::1' },
  ],
  [
    'wildcard',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { EventBusArn: 'arn:aws:events:us-east-1:123:event-bus/iv' },
    { EventBusArn: 'arn:aws:events:eu-west-2:123:event-bus/iv' },
  ],
  ['wildcard with an escaped star', { key: [{ wildcard: 'a\\*b' }] }, { key: 'a*b' }, { key: 'axxb' }],
  ['or within a field', { state: ['pending', 'running'] }, { state: 'running' }, { state: 'stopped' }],
  [
    'an array value matches when any element does',
    { tags: ['urgent'] },
    { tags: ['routine', 'urgent'] },
    { tags: ['routine'] },
  ],
  [
    'nested objects',
    { child: { la: ['E08000035'] } },
    { child: { la: 'E08000035' } },
    { child: { la: 'W06000001' } },
  ],
  [
    'arrays of objects',
    { items: { kind: ['iv'] } },
    { items: [{ kind: 'x' }, { kind: 'iv' }] },
    { items: [{ kind: 'x' }] },
  ],
  ['a leaf pattern never matches an object', { child: ['x'] }, { child: 'x' }, { child: { la: 'x' } }],
];

describe('EventBridge pattern matching, against the documented operators', () => {
  it.each(cases)('%s', (_name, detailPattern, yes, no) => {
    expect(matchesPattern({ detail: detailPattern }, event(yes))).toBe(true);
    expect(matchesPattern({ detail: detailPattern }, event(no))).toBe(false);
  });

  it('$or: matches when any alternative matches, at any level', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matchesPattern(pattern, event({ 'd-count': 7 }))).toBe(true);
    expect(matchesPattern(pattern, event({ 'x-limit': 301.8 }))).toBe(true);
    expect(matchesPattern(pattern, event({ 'c-count': 9, 'd-count': 11 }))).toBe(false);
    const top = { $or: [{ source: ['aws.ec2'] }, { 'detail-type': ['Nope'] }], detail: { a: ['b'] } };
    expect(matchesPattern(top, event({ a: 'b' }))).toBe(true);
    expect(matchesPattern(top, event({ a: 'c' }))).toBe(false);
  });

  it('matches envelope fields: source, detail-type, account and resources', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': [{ prefix: 'EC2 Instance' }],
      account: [{ 'anything-but': '999999999999' }],
      resources: [{ suffix: 'i-1234567890abcdef0' }],
    };
    expect(matchesPattern(pattern, event({}))).toBe(true);
    expect(matchesPattern({ ...pattern, source: ['aws.s3'] }, event({}))).toBe(false);
  });

  it('anything-but and other value matchers do not match a missing field', () => {
    expect(matchesPattern({ detail: { state: [{ 'anything-but': 'x' }] } }, event({}))).toBe(false);
    expect(matchesPattern({ detail: { state: [{ prefix: '' }] } }, event({}))).toBe(false);
    expect(matchesPattern({ detail: { state: [{ exists: false }] } }, event({}))).toBe(true);
  });

  it('refuses a matcher it does not know instead of guessing', () => {
    expect(() => matchesPattern({ detail: { a: [{ contains: 'x' }] } }, event({ a: 'x' }))).toThrow(
      /unsupported/,
    );
  });
});
