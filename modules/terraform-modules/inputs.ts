/**
 * The Terraform modules' inputs, and their validation, from the config's own
 * rules: each input that stands for a config field takes that field's JSON
 * Schema (modules/config, the same definition the config validator is built
 * from) for its default and its `validation` blocks, so a module refuses
 * what the config refuses. Terraform's regex is RE2, which has no
 * lookahead: a pattern made only of negative lookaheads (`^(?!aws:)`) becomes
 * "does not match", and any other lookaround fails the build.
 */
import { TerraformVariable, type TerraformStack } from 'cdktf';
import { configJsonSchema } from '../config/json-schema';

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema node, walked by key; its shape is the generated schema's, checked by the module tests
type Schema = { readonly [key: string]: any };

const SCHEMA: Schema = configJsonSchema();

const deref = (node: Schema): Schema => (node.$ref ? deref(SCHEMA.$defs[String(node.$ref).split('/').pop()!]) : node);

/**
 * The JSON Schema of a config field, by its path: `organizationId`,
 * `function.memorySize`, `orgTrail.name` (the first `oneOf` option that has
 * the field), `regions`, `accounts.[].id` (`[]`: the items of a list).
 */
export const configField = (path: string): Schema =>
  path.split('.').reduce((node, part) => {
    if (part === '[]') return deref(node.items);
    const holder = [node, ...(node.oneOf ?? node.anyOf ?? []).map(deref)].find((option: Schema) => option.properties?.[part]);
    if (!holder) throw new Error(`the config schema has no field ${path}`);
    return deref(holder.properties[part]);
  }, SCHEMA);

/** A literal in Terraform's expression syntax (JSON's, with template sequences escaped). */
export const hcl = (value: unknown): string => JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

/** One rule: a condition over a Terraform expression, and what it asks for in words. */
interface Rule {
  readonly condition: (value: string) => string;
  readonly says: string;
}

const NEGATIVE_LOOKAHEADS = /^\^((?:\(\?![^()]*\))+)$/;

const patternRule = (pattern: string): Rule => {
  const lookaheads = NEGATIVE_LOOKAHEADS.exec(pattern);
  if (lookaheads) {
    const refused = [...lookaheads[1].matchAll(/\(\?!([^()]*)\)/g)].map(([, body]) => `^(?:${body})`);
    return {
      condition: (v) => refused.map((p) => `!can(regex(${hcl(p)}, ${v}))`).join(' && '),
      says: `not match ${refused.join(' nor ')}`,
    };
  }
  if (/\(\?[=!<]/.test(pattern))
    throw new Error(`the config pattern ${pattern} has a lookaround, which Terraform's regex (RE2) cannot express`);
  return { condition: (v) => `can(regex(${hcl(pattern)}, ${v}))`, says: `match ${pattern}` };
};

const rangeRule = (low: number | undefined, high: number | undefined, of: (v: string) => string, what: string): Rule[] => {
  // Zod writes "no upper bound" for integers as the largest safe integer.
  const max = high !== undefined && high < Number.MAX_SAFE_INTEGER ? high : undefined;
  if (low === undefined && max === undefined) return [];
  const parts = (v: string) =>
    [low !== undefined ? `${of(v)} >= ${low}` : '', max !== undefined ? `${of(v)} <= ${max}` : ''].filter(Boolean).join(' && ');
  const says =
    low !== undefined && max !== undefined
      ? `${what} ${low} to ${max}`
      : low !== undefined
        ? `${what} at least ${low}`
        : `${what} at most ${max}`;
  return [{ condition: parts, says }];
};

/** The rules of a schema node (string, number, list of such), as Terraform conditions. */
const rules = (schema: Schema): Rule[] => {
  const node = deref(schema);
  const found: Rule[] = (node.allOf ?? []).flatMap(rules);
  if (node.type === 'array') {
    const each = rules(node.items ?? {});
    if (each.length) {
      found.push({
        condition: (v) => `alltrue([for item in ${v} : ${each.map((r) => `(${r.condition('item')})`).join(' && ')}])`,
        says: `have every item ${each.map((r) => r.says).join(' and ')}`,
      });
    }
    found.push(...rangeRule(node.minItems, node.maxItems, (v) => `length(${v})`, 'have items numbering'));
    if (node.uniqueItems) found.push({ condition: (v) => `length(distinct(${v})) == length(${v})`, says: 'list each item once' });
    return found;
  }
  if (node.pattern) found.push(patternRule(node.pattern));
  const allowed =
    node.enum ?? (node.anyOf?.every((option: Schema) => 'const' in option) ? node.anyOf.map((option: Schema) => option.const) : undefined);
  if (allowed) found.push({ condition: (v) => `contains(${hcl(allowed)}, ${v})`, says: `be one of ${allowed.join(', ')}` });
  if (node.type === 'integer') found.push({ condition: (v) => `floor(${v}) == ${v}`, says: 'be a whole number' });
  found.push(...rangeRule(node.minimum, node.maximum, (v) => v, 'be'));
  found.push(...rangeRule(node.minLength, node.maxLength, (v) => `length(${v})`, 'have a length of'));
  return found;
};

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The Terraform type of a schema node; object attributes in snake_case, those without a default optional with "" (none). */
const terraformType = (schema: Schema): string => {
  const node = deref(schema);
  if (node.type === 'array') return `list(${terraformType(node.items)})`;
  if (node.type === 'object') {
    const attributes = Object.entries<Schema>(node.properties).map(
      ([name, property]) => `${snakeCase(name)} = optional(${terraformType(property)}, ${hcl(deref(property).default ?? '')})`,
    );
    return `object({ ${attributes.join(', ')} })`;
  }
  if (node.type === 'integer' || node.type === 'number' || node.anyOf?.every((option: Schema) => option.type === 'number')) return 'number';
  if (node.type === 'boolean') return 'bool';
  return 'string';
};

export interface InputSpec {
  /** What the input is, for the module's README and `terraform console`. */
  readonly description: string;
  /**
   * The config field the input stands for (`configField`): its type, default
   * and validation come from it. An object field becomes an object input
   * with snake_case attributes, each validated as its field (an attribute
   * without a default is optional, "" meaning off).
   * @default none: `type` says the type, and the input has no validation
   */
  readonly field?: string;
  /**
   * The Terraform type.
   * @default the field's
   */
  readonly type?: string;
  /**
   * The default; `null` makes the input optional with no value.
   * @default the field's default; none (a required input) when it has none
   */
  readonly default?: unknown;
  /** More conditions, as Terraform expressions over `var.<name>`, each with what it asks for. @default none */
  readonly checks?: readonly { readonly condition: string; readonly says: string }[];
}

/** Every validation of an input: one block per rule, each saying which input, what it asks and which config field it mirrors. */
const validations = (name: string, spec: InputSpec): { condition: string; errorMessage: string }[] => {
  const v = `var.${name}`;
  const node = spec.field ? configField(spec.field) : undefined;
  const fieldRules: { rule: Rule; value: string; label: string; optional: boolean }[] = [];
  if (node?.type === 'object') {
    for (const [field, property] of Object.entries<Schema>(node.properties)) {
      const optional = deref(property).default === undefined;
      for (const rule of rules(property))
        fieldRules.push({ rule, value: `${v}.${snakeCase(field)}`, label: `${name}.${snakeCase(field)}`, optional });
    }
  } else if (node) {
    for (const rule of rules(node))
      fieldRules.push({ rule, value: v, label: name, optional: spec.default === null || spec.default === '' });
  }
  const source = spec.field ? ` (as ${spec.field} in the config)` : '';
  return [
    ...fieldRules.map(({ rule, value, label, optional }) => ({
      // try(): a rule that cannot even be evaluated (a null, a wrong type) is a failed rule, not a crash.
      condition: `\${${optional ? `${value} == null || ${value} == "" || ` : ''}try(${rule.condition(value)}, false)}`,
      errorMessage: `${label} must ${rule.says}${optional ? ', or be empty' : ''}${source}.`.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{'),
    })),
    ...(spec.checks ?? []).map((check) => ({
      condition: `\${try(${check.condition}, false)}`,
      errorMessage: `${name} must ${check.says}.`,
    })),
  ];
};

/** A module input (a Terraform variable named `name`), typed, documented and validated as its config field. */
export const addInput = (stack: TerraformStack, name: string, spec: InputSpec): TerraformVariable => {
  const node = spec.field ? configField(spec.field) : undefined;
  const type = spec.type ?? (node ? terraformType(node) : undefined);
  if (!type) throw new Error(`input ${name}: give a type or a config field`);
  const fieldDefault = node?.type === 'object' ? {} : node?.default;
  const variable = new TerraformVariable(stack, name, {
    type,
    description: spec.description,
    // cdktf cannot render a null default: set below.
    default: spec.default !== undefined && spec.default !== null ? spec.default : fieldDefault,
    validation: validations(name, spec),
  });
  if (spec.default === null) variable.addOverride('default', null);
  variable.overrideLogicalId(name);
  return variable;
};
