/**
 * Lists that may be Terraform lists: plain arrays give what JavaScript gives
 * (the stacks' documents are unchanged), a module's variable gives the same
 * through Terraform's functions.
 */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { joined, perRegion, without } from '../../modules/policies/lists';
import { policy, toTerraformJson } from '../../modules/policies/document';

const arnOf = (region: string) => `arn:aws:logs:${region}:111111111111:log-group:x:*`;

describe('lists in policy documents', () => {
  it('are JavaScript arrays as ever when plain', () => {
    expect(perRegion(['eu-west-1', 'us-east-1'], arnOf)).toEqual([arnOf('eu-west-1'), arnOf('us-east-1')]);
    expect(without(['Owner', 'PrincipalId', 'CreatedAt'], 'PrincipalId')).toEqual(['Owner', 'CreatedAt']);
    expect(joined(['Owner', 'PrincipalId'], ', ')).toBe('Owner, PrincipalId');
  });

  it("are Terraform's formatlist, setsubtract and join over a variable, jsonencoded into the document", () => {
    const stack = new TerraformStack(Testing.app(), 'lists');
    new AwsProvider(stack, 'aws', {});
    const regions = new TerraformVariable(stack, 'regions', { type: 'list(string)' }).listValue;
    const keys = new TerraformVariable(stack, 'keys', { type: 'list(string)' }).listValue;
    new IamPolicy(stack, 'policy', {
      name: 'p',
      description: `only ${joined(keys, ', ')}`,
      policy: toTerraformJson(
        policy({
          Sid: 'S',
          Effect: 'Allow',
          Action: 'logs:PutLogEvents',
          Resource: perRegion(regions, arnOf),
          Condition: { StringEquals: { 'aws:TagKeys': without(keys, 'PrincipalId'), 'aws:userid': '${aws:userid}' } },
        }),
      ),
    });
    const resource = JSON.parse(Testing.synth(stack)).resource.aws_iam_policy.policy;
    expect(resource.description).toBe('only ${join(", ", var.keys)}');
    expect(resource.policy).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":"logs:PutLogEvents",' +
        '"Resource":${jsonencode(formatlist("arn:aws:logs:%s:111111111111:log-group:x:*", var.regions))},' +
        '"Condition":{"StringEquals":{"aws:TagKeys":${jsonencode(setsubtract(var.keys, ["PrincipalId"]))},"aws:userid":"$${aws:userid}"}}}]}',
    );
  });
});
