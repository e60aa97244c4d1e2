/** The organization the commands' unit tests work on: two regions, the last account covering one. */
import { validateConfig } from '../../../modules/config/load';

export const sampleConfig = validateConfig({
  organizationId: 'o-a1b2c3d4e5',
  managementAccountId: '111111111111',
  centralAccountId: '222222222222',
  regions: ['eu-west-1', 'us-east-1'],
  homeRegion: 'eu-west-1',
  accounts: [
    { id: '111111111111', name: 'management' },
    { id: '222222222222', name: 'tooling' },
    { id: '333333333333', name: 'dev' },
    { id: '444444444444', name: 'sandbox', regions: ['eu-west-1'] },
  ],
});
