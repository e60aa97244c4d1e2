import { Logger } from '@aws-lambda-powertools/logger';
import { AccountNotOnboarded, type Sessions } from '../../../functions/tagger/credentials';
import { createHandler } from '../../../functions/tagger/handler';
import { readSettings } from '../../../functions/tagger/settings';
import { captureLogs, fakeEc2 } from './fakes';
import { fixture } from '../../fixtures/cloudtrail-events';

const settings = readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' });
const logger = new Logger({ serviceName: 'auto-tag' });
const sessions = (ec2: Sessions['ec2']): Sessions => ({ ec2: jest.fn(ec2) });
const noAws = sessions(() => {
  throw new Error('no AWS call expected');
});

describe('handler', () => {
  it('logs a skip as one structured JSON line and touches no AWS API', async () => {
    const event = fixture('RunInstances');
    event.detail.errorCode = 'Client.DryRunOperation';
    const { result, logs } = await captureLogs(() => createHandler({ settings, sessions: noAws, logger })(event));

    expect(noAws.ec2).not.toHaveBeenCalled();
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'skipped',
        service: 'auto-tag',
        eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        account: '111122223333',
        region: 'eu-west-1',
        eventName: 'RunInstances',
        decision: 'skipped',
        reason: 'api-error',
        errorCode: 'Client.DryRunOperation',
      }),
    ]);
    expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'api-error' }));
  });

  it('never throws on junk: it is a logged skip', async () => {
    for (const junk of [undefined, null, 'x', [], { detail: null }]) {
      const { result, logs } = await captureLogs(() => createHandler({ settings, sessions: noAws, logger })(junk as never));
      expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'malformed-event' }));
      expect(logs).toHaveLength(1);
    }
  });

  it('tags everything the event and its lookup name, in one CreateTags call', async () => {
    const ec2 = fakeEc2({
      DescribeInstances: {
        Reservations: [
          {
            Instances: [
              {
                BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-0aaaaaaaaaaaaaaa1' } }, { Ebs: {} }, {}],
                NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0aaaaaaaaaaaaaaa1' }, { NetworkInterfaceId: 'eni-0aaaaaaaaaaaaaaa3' }],
              },
              { BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-0aaaaaaaaaaaaaaa2' } }, { Ebs: { VolumeId: 'snap-0aaaaaaaaaaaaaaa2' } }] },
            ],
          },
        ],
      },
    });
    const withEc2 = sessions(async () => ec2.client);
    const { result, logs } = await captureLogs(() =>
      createHandler({ settings, sessions: withEc2, logger })(fixture('RunInstances')),
    );

    expect(withEc2.ec2).toHaveBeenCalledWith('111122223333', 'eu-west-1');
    expect(ec2.sent.map((call) => call.command)).toEqual(['DescribeInstances', 'CreateTags']);
    expect(ec2.sent[0].input).toEqual({ InstanceIds: ['i-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2'] });
    const resourceIds = [
      'i-0aaaaaaaaaaaaaaa1',
      'eni-0aaaaaaaaaaaaaaa1',
      'i-0aaaaaaaaaaaaaaa2',
      'eni-0aaaaaaaaaaaaaaa2',
      'vol-0aaaaaaaaaaaaaaa1',
      'eni-0aaaaaaaaaaaaaaa3',
      'vol-0aaaaaaaaaaaaaaa2',
    ];
    expect(ec2.sent[1].input).toEqual({
      Resources: resourceIds,
      Tags: [
        { Key: 'Owner', Value: 'alice@example.com' },
        { Key: 'PrincipalId', Value: 'AROAEXAMPLEROLEID1234:alice@example.com' },
      ],
    });
    expect(logs).toEqual([expect.objectContaining({ message: 'tagged', decision: 'tagged', resourceIds, owner: 'alice@example.com' })]);
    expect(result).toEqual(expect.objectContaining({ decision: 'tagged', resourceIds }));
  });

  it('uses the configured tag keys', async () => {
    const ec2 = fakeEc2();
    const custom = readSettings({ TAGGER_ROLE_NAME: 'tagger', OWNER_TAG_KEY: 'CreatedBy', PRINCIPAL_ID_TAG_KEY: 'CreatorId' });
    await captureLogs(() => createHandler({ settings: custom, sessions: sessions(async () => ec2.client), logger })(fixture('CreateVolume')));
    expect(ec2.sent).toEqual([
      {
        command: 'CreateTags',
        input: {
          Resources: ['vol-0bbbbbbbbbbbbbbb1'],
          Tags: [
            { Key: 'CreatedBy', Value: 'bob' },
            { Key: 'CreatorId', Value: 'AIDAEXAMPLEUSERID1234' },
          ],
        },
      },
    ]);
  });

  it('skips an account that was never onboarded', async () => {
    const denied = sessions(async () => {
      throw new AccountNotOnboarded('AssumeRole denied in 444455556666');
    });
    const { result, logs } = await captureLogs(() => createHandler({ settings, sessions: denied, logger })(fixture('CreateSnapshot')));
    expect(result).toEqual(expect.objectContaining({ decision: 'skipped', reason: 'account-not-onboarded', account: '444455556666' }));
    expect(logs).toEqual([expect.objectContaining({ message: 'skipped', reason: 'account-not-onboarded' })]);
  });

  it('logs and rethrows any other failure, so Lambda retries and the DLQ keeps the event', async () => {
    const failure = Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' });
    const failing = sessions(async () => {
      throw failure;
    });
    const { error, logs } = await captureLogs(() => createHandler({ settings, sessions: failing, logger })(fixture('CreateImage')));
    expect(error).toBe(failure);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'failed',
        eventId: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
        error: expect.objectContaining({ name: 'RequestLimitExceeded', message: 'Rate exceeded' }),
      }),
    ]);
  });
});
