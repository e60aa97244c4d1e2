/** The one write the function makes: ec2:CreateTags, once per event. */
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';

/** CreateTags accepts at most this many resource IDs per call. */
const MAX_IDS_PER_CALL = 1000;

export const createTags = async (
  ec2: EC2Client,
  resourceIds: readonly string[],
  tags: Readonly<Record<string, string>>,
): Promise<void> => {
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  for (let start = 0; start < resourceIds.length; start += MAX_IDS_PER_CALL) {
    await ec2.send(new CreateTagsCommand({ Resources: resourceIds.slice(start, start + MAX_IDS_PER_CALL), Tags }));
  }
};
