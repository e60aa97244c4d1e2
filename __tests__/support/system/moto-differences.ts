/**
 * Where moto's read-back differs from AWS, so that a second `terraform plan`
 * after apply shows a change against moto that it would not show against AWS.
 * Each entry is a resource type, the attributes that differ and why; the
 * system test fails on any other change, and on an entry no plan needs any
 * more (so this list only shrinks as moto improves). The README's "What the
 * system test proves" repeats these.
 */
export interface PlanDifference {
  readonly type: string;
  readonly attributes: readonly string[];
  readonly why: string;
}

export const MOTO_PLAN_DIFFERENCES: readonly PlanDifference[] = [
  {
    type: 'aws_lambda_function',
    attributes: ['logging_config', 'qualified_arn', 'qualified_invoke_arn', 'version'],
    why:
      "moto's GetFunction returns no LoggingConfig (JSON log format, our log group), so the provider plans to set it again; " +
      'with publish = true an update also publishes a new version. AWS returns the LoggingConfig it was given.',
  },
  {
    type: 'aws_lambda_alias',
    attributes: ['function_version'],
    why: 'follows from the function above: the PROD alias would move to the version that update publishes.',
  },
];
