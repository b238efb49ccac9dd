import { createBackend } from '@backstage/backend-defaults';

// A Backstage backend with what the Microservice template needs: the catalog (with template
// entities), the scaffolder with GitHub publishing, guest sign-in, and our module. It also serves
// the portal (packages/app): the app-backend serves the built `app` package's dist/ at the root.
const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// The Microservice template's form offers the installed stacks and options.
backend.add(
  import(
    '@microservice-scaffolder/plugin-catalog-backend-module-microservice-template'
  ),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// Keeps each task's workspace in the database when app-config.production.yaml asks for it, so a
// task resumed on another replica finds the files its earlier steps wrote.
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-workspace-database'),
);
backend.add(
  import(
    '@microservice-scaffolder/plugin-scaffolder-backend-module-microservice'
  ),
);

backend.start();
