/**
 * The catalogue's lookups: what an event does not carry, read back from EC2
 * with as few describe calls as the lookup allows (one, except vpcDefaults).
 * Every ID that comes back passes `ref`, so only IDs of the expected kind are
 * ever tagged.
 */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { ref, type Ec2ResourceType, type Lookup, type ResourceRef } from './catalogue';

/**
 * What EC2 has not shown yet, with a name like EC2's own eventual-consistency
 * errors (`*.NotFound`), which the handler retries with backoff.
 */
export class NotYetVisible extends Error {
  constructor(
    override readonly name: `${string}.NotFound`,
    message: string,
  ) {
    super(message);
  }
}

const idsOf = (refs: readonly ResourceRef[], type: Ec2ResourceType): string[] => refs.filter((r) => r.type === type).map((r) => r.id);

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
    // A just-created image can be missing from DescribeImages for a moment, and
    // a pending one can list its EBS mappings before their snapshots exist:
    // retried, not tagged without them.
    if (Images.length < ImageIds.length) throw new NotYetVisible('InvalidAMIID.NotFound', `images not visible yet: ${ImageIds.join(', ')}`);
    return Images.flatMap((image) =>
      (image.BlockDeviceMappings ?? []).flatMap((mapping) => {
        if (mapping.Ebs && !mapping.Ebs.SnapshotId && image.State === 'pending') {
          throw new NotYetVisible('InvalidSnapshotID.NotFound', `${image.ImageId} has no snapshot for ${mapping.DeviceName} yet`);
        }
        return ref('snapshot', mapping.Ebs?.SnapshotId);
      }),
    );
  },
  async vpcDefaults(ec2, refs) {
    const vpcIds = idsOf(refs, 'vpc');
    if (vpcIds.length === 0) return [];
    const inVpcs = (name: string, value: string) => ({
      Filters: [
        { Name: 'vpc-id', Values: vpcIds },
        { Name: name, Values: [value] },
      ],
    });
    // Three resource kinds, three calls; run side by side. A new VPC has one of each.
    const [{ RouteTables = [] }, { NetworkAcls = [] }, { SecurityGroups = [] }] = await Promise.all([
      ec2.send(new DescribeRouteTablesCommand(inVpcs('association.main', 'true'))),
      ec2.send(new DescribeNetworkAclsCommand(inVpcs('default', 'true'))),
      ec2.send(new DescribeSecurityGroupsCommand(inVpcs('group-name', 'default'))),
    ]);
    return [
      ...RouteTables.flatMap((table) => ref('route-table', table.RouteTableId)),
      ...NetworkAcls.flatMap((acl) => ref('network-acl', acl.NetworkAclId)),
      ...SecurityGroups.flatMap((group) => ref('security-group', group.GroupId)),
    ];
  },
};

/** The resources `lookup` finds from the event's own `refs` (not including them). */
export const lookUp = (lookup: Lookup, ec2: EC2Client, refs: readonly ResourceRef[]): Promise<ResourceRef[]> => LOOKUPS[lookup](ec2, refs);
