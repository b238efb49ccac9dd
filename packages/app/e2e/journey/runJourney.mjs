// One developer journey, check by check: the form's pages, the task, the repository and the
// catalog. After a failed check the journey's remaining checks are skipped (they depend on it).
import {
  deliveryPage,
  invalidName,
  openForm,
  repositoryPage,
  resourcePage,
  reviewPage,
  servicePage,
  stackPage,
} from './fillForm.mjs';
import {
  apiDefinition,
  apisTab,
  catalogEntity,
  createAndComplete,
  fieldInCode,
  recordedAnswers,
  repositoryOnStandIn,
  taskOutputs,
} from './verifyService.mjs';

const describe = j =>
  [
    `auth ${j.auth.value}`,
    j.ci.label,
    j.deployment.label,
    `resource ${j.resource}`,
    `${j.visibility.value} repository ${j.repoOwner}/${j.repo}`,
  ].join(', ');

export async function runJourney(ctx, j) {
  const checks = [
    ['/create lists Microservice; Choose opens its form', openForm],
    [
      `the invalid name "${j.invalidName}" shows a readable error and keeps the form on "Service"`,
      invalidName,
    ],
    [
      'page "Service": name, description, owner platform-team, system, lifecycle',
      servicePage,
    ],
    [
      'page "Stack": stack, database, metrics, tracing; JWT token fields come and go',
      stackPage,
    ],
    [
      `page "Resource": the resource and its fields, one added (${j.field.name}, ${j.field.type})`,
      resourcePage,
    ],
    [
      'page "Delivery": CI/CD; Domain and replicas come and go with the deployment',
      deliveryPage,
    ],
    [
      'page "Repository": host github.com, owner, name, visibility',
      repositoryPage,
    ],
    ['the review summarises every answer with display names', reviewPage],
    ['Create runs the task and every step succeeds', createAndComplete],
    [
      'the task shows Repository, Open in catalog and Next steps with git clone',
      taskOutputs,
    ],
    [
      'the Repository link opens the repository on the GitHub stand-in',
      repositoryOnStandIn,
    ],
    ["the repository records the form's answers", recordedAnswers],
    [
      'Open in catalog shows the Component with its owner, system and description',
      catalogEntity,
    ],
    [
      `the generated code declares the added field ${j.field.name}`,
      fieldInCode,
    ],
    ['the APIs tab lists the provided API', apisTab],
    [
      `the API page shows its OpenAPI definition, with ${j.field.json}`,
      apiDefinition,
    ],
  ];
  const label = `journey ${j.index + 1}`;
  console.log(`\n== ${label}: ${j.name} (${describe(j)})`);
  const started = Date.now();
  let failedAt;
  try {
    for (const [name, fn] of checks) {
      const title = `${label}: ${name}`;
      if (failedAt) {
        ctx.report.skip(title, `after "${failedAt}" failed`);
        continue;
      }
      const ok = await ctx.report.check(title, shot => fn(ctx, j, shot), {
        journey: j.id,
        page: () => ctx.page,
      });
      if (!ok) failedAt = name;
    }
  } finally {
    // Repository pages opened from the task's link.
    for (const other of ctx.page.context().pages()) {
      if (other !== ctx.page) await other.close().catch(() => {});
    }
  }
  ctx.report.time(
    `${label} (${j.stack?.id ?? 'stack not chosen'})`,
    Date.now() - started,
  );
  return !failedAt;
}
