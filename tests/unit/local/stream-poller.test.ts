import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { retypeEmptyMaps } from '../../../infra/local/stream-poller';

describe('records from DynamoDB Local’s stream', () => {
  it('gives empty maps back their type, at any depth, so an event with no data can be published', () => {
    // As DynamoDB Local's GetRecords returns an event whose data is {} (e.g. ChildToldOfEntitlement).
    const image = {
      type: { S: 'ChildToldOfEntitlement' },
      data: {},
      metadata: { M: { extra: {}, list: { L: [{}] } } },
    };
    expect(() => unmarshall(image as never)).toThrow(/No value defined/);
    expect(unmarshall(retypeEmptyMaps(image) as never)).toEqual({
      type: 'ChildToldOfEntitlement',
      data: {},
      metadata: { extra: {}, list: [{}] },
    });
  });

  it('leaves well-typed values as they are', () => {
    const image = { a: { S: 'x' }, b: { N: '1' }, c: { M: { d: { BOOL: true } } }, e: { L: [{ S: 'y' }] } };
    expect(retypeEmptyMaps(image)).toEqual(image);
  });
});
