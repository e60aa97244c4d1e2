/**
 * Settings that are valid but likely to hurt: printed at synth, never fatal.
 */
import { protectedTagKeys, type Config } from './schema';

/**
 * Tag keys companies and tools commonly write themselves (tagging standards,
 * Terraform `default_tags`, CloudFormation and CI templates), compared
 * without case.
 */
const COMMON_TAG_KEYS = ['owner', 'createdby', 'creator', 'created', 'createdat', 'creationdate', 'contact', 'user', 'username', 'author'];

/** Why each warning is raised, with the field it is about. */
export const configWarnings = (config: Pick<Config, 'tagGuardScp' | 'tagKeys'>): string[] => {
  if (!config.tagGuardScp) return [];
  return protectedTagKeys(config.tagKeys)
    .filter((key) => COMMON_TAG_KEYS.includes(key.toLowerCase()))
    .map(
      (key) =>
        `tagKeys: "${key}" is a common tag key, and tagGuardScp denies writing it to everyone but the tagger in ${config.tagGuardScp!.targetIds.join(', ')}: ` +
        'every create or apply that sets it (e.g. from Terraform default_tags) fails there. ' +
        `Roll the SCP out per OU with a canary first, or use a key of your own (e.g. "autotag:${key}"); see README "Terraform-managed resources".`,
    );
};
