/**
 * The catalogue's lookups: what an event does not carry, read back from EC2
 * with one describe call per event. Every ID that comes back passes `ref`, so
 * only IDs of the expected kind are ever tagged.
 */
import { DescribeImagesCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { ref, type Ec2ResourceType, type Lookup, type ResourceRef } from './catalogue';

const idsOf = (refs: readonly ResourceRef[], type: Ec2ResourceType): string[] =>
  refs.filter((r) => r.type === type).map((r) => r.id);

const LOOKUPS: Readonly<Record<Lookup, (ec2: EC2Client, refs: readonly ResourceRef[]) => Promise<ResourceRef[]>>> = {
  async instanceAttachments(ec2, refs) {
    const InstanceIds = idsOf(refs, 'instance');
    if (InstanceIds.length === 0) return [];
    // Filtering by ID returns every match in one page.
    const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand({ InstanceIds }));
    return Reservations.flatMap((reservation) => reservation.Instances ?? []).flatMap((instance) => [
      ...(instance.BlockDeviceMappings ?? []).flatMap((mapping) => ref('volume', mapping.Ebs?.VolumeId)),
      ...(instance.NetworkInterfaces ?? []).flatMap((eni) => ref('network-interface', eni.NetworkInterfaceId)),
    ]);
  },
  async imageSnapshots(ec2, refs) {
    const ImageIds = idsOf(refs, 'image');
    if (ImageIds.length === 0) return [];
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds }));
    return Images.flatMap((image) => image.BlockDeviceMappings ?? []).flatMap((mapping) =>
      ref('snapshot', mapping.Ebs?.SnapshotId),
    );
  },
};

/** The resources `lookup` finds from the event's own `refs` (not including them). */
export const lookUp = (lookup: Lookup, ec2: EC2Client, refs: readonly ResourceRef[]): Promise<ResourceRef[]> =>
  LOOKUPS[lookup](ec2, refs);
