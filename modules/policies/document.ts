/** IAM policy documents as plain data, and their one way into Terraform. */
import { Fn, Token } from 'cdktf';

export type Condition = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface Statement {
  /** The statement's id: every statement has one, so a decision can be traced to it. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  /**
   * Only in resource policies (trust, bus, bucket, key and queue policies).
   * @default none: an identity policy or SCP statement
   */
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  /**
   * Left out only in role trust policies, where IAM forbids it.
   * @default none: a trust policy statement
   */
  readonly Resource?: string | readonly string[];
  /** @default no condition */
  readonly Condition?: Condition;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

export const policy = (...statements: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

/**
 * The JSON string Terraform reads. Terraform treats `${...}` in any string as
 * an interpolation, so IAM policy variables (`${aws:userid}`) are escaped as
 * `$${aws:userid}`; Terraform turns them back into `${aws:userid}` for IAM.
 * cdktf tokens (`${TfToken[...]}`) have no colon and are left alone.
 */
export const toTerraformJson = (doc: PolicyDocument): string => terraformJson(doc).replace(/\$\{([A-Za-z0-9-]+:[^}]*)\}/g, '$$$${$1}');

/**
 * JSON text of a value for a Terraform string. A Terraform list (a module's
 * variable, see ./lists.ts) cannot sit inside a string as it is: it goes in
 * as `${jsonencode(list)}`, which Terraform writes out as the JSON array.
 * Plain values give JSON.stringify's text.
 */
export const terraformJson = (value: unknown): string => {
  const lists: unknown[] = [];
  const json = JSON.stringify(value, (_key, item) =>
    Array.isArray(item) && Token.isUnresolved(item) ? `\u0000list${lists.push(item) - 1}\u0000` : item,
  );
  return json.replace(/"\\u0000list(\d+)\\u0000"/g, (_marker, i: string) => Token.asString(Fn.jsonencode(lists[Number(i)])));
};

/** The document IAM receives from a Terraform JSON string: Terraform turns `$${` back into `${`. */
export const fromTerraformJson = (terraformString: string): PolicyDocument => JSON.parse(terraformString.replace(/\$\$\{/g, '${'));
