/**
 * The option combinations verified for every stack. They are form values (the render action's
 * input), so they mean the same for any stack: together they switch every option on and off at
 * least once, use each database the form offers, every field type, and the longest names the form
 * accepts.
 */
import {
  databases,
  type FieldInput,
  type InstalledChoices,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export interface Variant {
  name: string;
  description: string;
  input: Record<string, unknown>;
  /** How many random field lists the `field samples` step renders, lints and type-checks. */
  fieldSamples?: number;
}

/**
 * One field of every type, with the limits and defaults each type takes: a unique required
 * string, optional text with a maxLength, a bounded integer, a decimal with precision, scale and
 * minimum 0, a boolean with a default, a date, an optional date-time, a UUID and an enum of three
 * values with a default (its values in the same order declared and alphabetically).
 */
export const EVERY_FIELD_TYPE: FieldInput[] = [
  {
    name: 'code',
    type: 'string',
    required: true,
    unique: true,
    maxLength: 40,
    description: 'The line\'s code, unique: "A-1" or <b>B-2</b>',
  },
  { name: 'notes', type: 'text', maxLength: 2000 },
  {
    name: 'quantity',
    type: 'integer',
    required: true,
    minimum: 1,
    maximum: 1000,
  },
  {
    name: 'unit_price',
    type: 'decimal',
    required: true,
    precision: 10,
    scale: 2,
    minimum: 0,
  },
  { name: 'gift_wrapped', type: 'boolean', required: true, default: false },
  { name: 'ship_date', type: 'date', required: true },
  { name: 'delivered_at', type: 'datetime' },
  { name: 'warehouse_id', type: 'uuid', required: true },
  {
    name: 'status',
    type: 'enum',
    required: true,
    values: ['draft', 'placed', 'shipped'],
    default: 'draft',
  },
];

function prefer(offered: string[] | undefined, wanted: string): string {
  const values = offered ?? ['none'];
  return values.includes(wanted) ? wanted : values[0];
}

/** An option's values other than "none" (or all of them, if it has no other). */
function switchedOn(offered: string[] | undefined): string[] {
  const on = (offered ?? []).filter(value => value !== 'none');
  return on.length ? on : (offered ?? ['none']);
}

export function variantsFor(
  stack: string,
  choices: InstalledChoices,
): Variant[] {
  const { ci, deployment } = choices.options;
  const variants: Variant[] = [
    {
      name: 'default',
      description:
        'the form defaults: auth none, metrics on, tracing off, the default fields',
      input: { stack, auth: 'none', metrics: true, tracing: false },
    },
    {
      name: 'all-on',
      description:
        'auth jwt with audience and issuer, metrics and tracing on, a two-word resource with a field of every type, CI and Helm on a custom domain with published docs; then random field lists',
      fieldSamples: 2,
      input: {
        stack,
        resource: 'order_line',
        fields: EVERY_FIELD_TYPE,
        auth: 'jwt',
        jwtAudience: 'orders-api',
        jwtIssuer: 'https://auth.acme.io/',
        metrics: true,
        tracing: true,
        domain: 'apps.acme.io',
        productionReplicas: 4,
        publicApiDocs: true,
        ...(ci ? { ci: prefer(switchedOn(ci), 'github-actions') } : {}),
        ...(deployment
          ? { deployment: prefer(switchedOn(deployment), 'helm') }
          : {}),
      },
    },
    {
      name: 'minimal',
      description:
        'metrics, tracing, auth, CI and deployment off; the longest names the form accepts',
      input: {
        stack,
        name: 'inventory-reconciliation-service-for-eu1',
        resource: 'purchase_order_line_adjustment',
        auth: 'none',
        metrics: false,
        tracing: false,
        ...(ci ? { ci: prefer(ci, 'none') } : {}),
        ...(deployment ? { deployment: prefer(deployment, 'none') } : {}),
      },
    },
  ];
  // Each database the form offers is verified; the variants above use the first.
  for (const database of databases.slice(1)) {
    variants.push({
      name: `database-${database}`,
      description: `database ${database}`,
      input: { stack, database },
    });
  }
  return variants.map(variant => ({
    ...variant,
    input: { database: databases[0], ...variant.input },
  }));
}
