// Command-line programs: they report on the console.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: { 'no-console': 'off' },
});
