/**
 * The option combinations verified for every stack. They are form values (the render action's
 * input), so they mean the same for any stack: together they switch every option on and off at
 * least once, use each database the form offers, and the longest names the form accepts.
 */
import {
  databases,
  type InstalledChoices,
} from '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice';

export interface Variant {
  name: string;
  description: string;
  input: Record<string, string | boolean | number>;
}

function prefer(offered: string[], wanted: string): string {
  return offered.includes(wanted) ? wanted : offered[0];
}

export function variantsFor(
  stack: string,
  choices: InstalledChoices,
): Variant[] {
  const ciOn = choices.ci.filter(value => value !== 'none');
  const deployOn = choices.deployment.filter(value => value !== 'none');
  const variants: Variant[] = [
    {
      name: 'default',
      description: 'the form defaults: auth none, metrics on, tracing off',
      input: { stack, auth: 'none', metrics: true, tracing: false },
    },
    {
      name: 'all-on',
      description:
        'auth jwt with audience and issuer, metrics and tracing on, a two-word resource, CI and Helm on a custom domain',
      input: {
        stack,
        resource: 'order_line',
        auth: 'jwt',
        jwtAudience: 'orders-api',
        jwtIssuer: 'https://auth.acme.io/',
        metrics: true,
        tracing: true,
        domain: 'apps.acme.io',
        productionReplicas: 4,
        ci: prefer(ciOn.length ? ciOn : choices.ci, 'github-actions'),
        deployment: prefer(
          deployOn.length ? deployOn : choices.deployment,
          'helm',
        ),
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
        ci: prefer(choices.ci, 'none'),
        deployment: prefer(choices.deployment, 'none'),
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
