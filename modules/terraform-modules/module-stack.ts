/**
 * A Terraform module as a cdktf stack: the project's constructs composed with
 * Terraform variables instead of config values. The stack's AWS provider is
 * only there for the constructs' `provider` props and cdktf's
 * `required_providers`; rendering drops it (./render.ts), so the module uses
 * whatever provider its caller passes.
 */
import { copyFileSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetType, Fn, TerraformAsset, TerraformOutput, TerraformStack, Token, ref, type TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { addInput, type InputSpec } from './inputs';

/** A file the module ships beside its JSON: the zip of a function's bundle folder. */
export interface ModuleZip {
  /** The file's name in the module folder. */
  readonly fileName: string;
  /** The asset whose archive becomes the file. */
  readonly asset: TerraformAsset;
  /** The folder the asset is made from (a temporary copy, removed after the synth). */
  readonly stagedDir: string;
}

/** Zip entries carry file times: a fixed one makes the same bundle the same zip, so `source_code_hash` moves only with the code. */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

export class ModuleStack extends TerraformStack {
  /** The caller's provider (the module's default `aws`), for the constructs' `provider` props. */
  readonly provider: AwsProvider;
  /** The outputs the module declares; any other (a construct's own) is left out of the module. */
  readonly outputNames: string[] = [];
  readonly zips: ModuleZip[] = [];
  private identity?: DataAwsCallerIdentity;
  private currentRegion?: DataAwsRegion;

  constructor(scope: Construct, name: string) {
    super(scope, name);
    this.provider = new AwsProvider(this, 'aws', {});
  }

  /** A typed, documented, validated input (see ./inputs.ts). */
  input(name: string, spec: InputSpec): TerraformVariable {
    return addInput(this, name, spec);
  }

  /** An attribute of an object input, e.g. `attribute(tagKeys, 'owner')` for `var.tag_keys.owner`. */
  attribute(input: TerraformVariable, name: string): string {
    return Token.asString(ref(`var.${input.friendlyUniqueId}.${name}`, this));
  }

  /** An output of the module. */
  output(name: string, description: string, value: unknown): void {
    new TerraformOutput(this, `output-${name}`, { value, description }).overrideLogicalId(name);
    this.outputNames.push(name);
  }

  /** The account the caller's provider acts in. */
  get accountId(): string {
    this.identity ??= new DataAwsCallerIdentity(this, 'current-account', { provider: this.provider });
    return this.identity.accountId;
  }

  /** The region of the caller's provider: a regional module is instantiated once per region. */
  get region(): string {
    // `name`: AWS provider 5.x has no `region` attribute here (6.x has both).
    this.currentRegion ??= new DataAwsRegion(this, 'current-region', { provider: this.provider });
    return this.currentRegion.name;
  }

  /** Ships a function's bundle folder (`index.js`) as `fileName`; returns its path as the module sees it, and its hash. */
  zip(fileName: string, bundleDir: string): { zipPath: string; hash: string } {
    const staged = mkdtempSync(join(tmpdir(), 'auto-tag-module-zip-'));
    copyFileSync(join(bundleDir, 'index.js'), join(staged, 'index.js'));
    utimesSync(join(staged, 'index.js'), FIXED_TIME, FIXED_TIME);
    const asset = new TerraformAsset(this, `zip-${fileName}`, { path: staged, type: AssetType.ARCHIVE });
    this.zips.push({ fileName, asset, stagedDir: staged });
    // A reference, not the text "${path.module}": inside a function call cdktf would escape the text.
    const zipPath = `${Token.asString(ref('path.module', this))}/${fileName}`;
    return { zipPath, hash: Fn.filebase64sha256(zipPath) };
  }
}

/** The values that are not "" (an optional input left empty): Terraform's compact. */
export const nonEmpty = (values: readonly string[]): string[] => Token.asList(Fn.compact([...values]));
