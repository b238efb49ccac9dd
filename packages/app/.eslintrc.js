module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Command-line scripts (the browser check and the build helper) report on the console.
      files: ['e2e/**', 'scripts/**'],
      rules: { 'no-console': 'off' },
    },
  ],
});
