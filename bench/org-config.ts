/** Generated organizations for the synth benchmarks. */
import { exampleConfigInput } from '../__tests__/support/synth';

/** The 17 regions every AWS account has enabled by default. */
export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
];

/**
 * The example config (every access policy on) in every default region, with
 * its management and central accounts (a config must list both) and N more
 * member accounts.
 */
export const configWith = (members: number) => {
  const example = exampleConfigInput();
  const own = example.accounts
    .filter((a) => a.id === example.managementAccountId || a.id === example.centralAccountId)
    .map(({ regions: _, ...account }) => account);
  const more = Array.from({ length: members }, (_, i) => ({ id: String(600000000000 + i), name: `member-${i}` }));
  return { ...example, regions: DEFAULT_REGIONS, homeRegion: 'us-east-1', accounts: [...own, ...more] };
};
