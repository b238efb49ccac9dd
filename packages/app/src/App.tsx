import { createElement } from 'react';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';
import apiDocsPlugin from '@backstage/plugin-api-docs/alpha';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';

// Guest sign-in: the backend enables the guest auth provider (app-config.yaml `auth.providers.guest`).
// The sign-in page can only be replaced by an extension of the `app` plugin, hence the module.
// (createElement rather than JSX: the root tsconfig compiles JSX with the classic runtime.)
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      createElement(SignInPage, { ...props, providers: ['guest'] }),
  },
});

const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});

export default createApp({
  // api-docs adds the APIs tab to components and the definition (OpenAPI) to API entities.
  features: [catalogPlugin, apiDocsPlugin, scaffolderPlugin, appModule],
});
