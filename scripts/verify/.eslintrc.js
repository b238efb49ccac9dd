// Lint with: npx eslint scripts/verify (the repo's `backstage-cli repo lint` covers workspaces only)
module.exports =
  require('@backstage/cli/config/eslint-factory').createConfigForRole(
    __dirname,
    'node-library',
  );
