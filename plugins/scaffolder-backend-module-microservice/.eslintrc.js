module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // Blueprint files are sources of other projects, linted by their own tools when generated.
  ignorePatterns: ['blueprints/**/files/**'],
});
