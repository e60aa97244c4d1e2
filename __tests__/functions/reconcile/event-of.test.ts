import { decide, eventOf } from '../../../functions/tagger/event';
import { fixture } from '../../fixtures/cloudtrail-events';

describe('eventOf: a record read back, judged as the function judges its event', () => {
  it('decides a record from its own account and region exactly as the live event', () => {
    const live = fixture('RunInstances');
    const record = live.detail;
    const readBack = eventOf(record, record.recipientAccountId, record.awsRegion);
    expect(readBack).toMatchObject({ id: record.eventID, 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.ec2' });
    expect(decide(readBack)).toEqual(decide({ ...live, id: record.eventID }));
    expect(decide(readBack)).toMatchObject({ action: 'tag' });
  });

  it("refuses a record filed under another account's or region's key", () => {
    const record = fixture('CreateVolume').detail;
    expect(decide(eventOf(record, '999999999999', record.awsRegion))).toEqual({ action: 'skip', reason: 'envelope-mismatch' });
    expect(decide(eventOf(record, record.recipientAccountId, 'ap-south-1'))).toEqual({ action: 'skip', reason: 'envelope-mismatch' });
  });

  it('skips what is not a record as malformed', () => {
    expect(decide(eventOf('not a record', '111111111111', 'eu-west-1'))).toEqual({ action: 'skip', reason: 'malformed-event' });
  });
});
