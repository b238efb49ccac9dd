import packageJson from '../package.json';

/** This package's name and version, recorded in every generated service. */
export const generator = {
  name: packageJson.name,
  version: packageJson.version,
};
