/**
 * What the events phase of both system files (the cdktf organization, the
 * Terraform modules' example) proves, written once: the shipped bundle tagged
 * every catalogue event for its creator, and exactly the created resources
 * carry the creator tags.
 */
import { allTags } from '../moto/aws';
import { CREATOR_SESSION, type DrivenEvents } from './events';

/** Every catalogue event that arrived was tagged for `alice`, with her principal id, on exactly the IDs it created. */
export const expectCatalogueEventsTagged = (driven: DrivenEvents, regions: readonly string[]): void => {
  const byId = new Map(driven.sent.map((e) => [e.eventId, e]));
  for (const region of regions) {
    driven.outcomes[region].forEach((outcome, i) => {
      const sent = byId.get(driven.arrived[region][i].detail.eventID)!;
      if (sent.kind !== 'catalogue') return;
      expect({ event: sent.eventName, outcome }).toMatchObject({
        event: sent.eventName,
        outcome: { decision: 'tagged', owner: CREATOR_SESSION, principalId: sent.caller.principalId },
      });
      expect(new Set(outcome.resourceIds)).toEqual(new Set(sent.expected));
    });
  }
};

/** In every account and region, the resources with creator tags are exactly those the catalogue events created, tagged for `alice`. */
export const expectOnlyCreatedResourcesTagged = async (
  driven: DrivenEvents,
  accounts: readonly { readonly id: string }[],
  regions: readonly string[],
): Promise<void> => {
  for (const account of accounts) {
    for (const region of regions) {
      const session = driven.sessions[account.id];
      const expected = driven.sent.filter((e) => e.account === account.id && e.region === region && e.kind === 'catalogue');
      const tagged = Object.entries(await allTags(session.ec2(region))).filter(([, t]) => 'Owner' in t || 'PrincipalId' in t);
      expect({ account: account.id, region, tagged: tagged.map(([id]) => id).sort() }).toEqual({
        account: account.id,
        region,
        tagged: expected.flatMap((e) => e.expected).sort(),
      });
      for (const [, t] of tagged) expect(t).toMatchObject({ Owner: CREATOR_SESSION, PrincipalId: session.userIdentity.principalId });
    }
  }
};
