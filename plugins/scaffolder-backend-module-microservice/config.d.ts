export interface Config {
  microserviceScaffolder?: {
    /**
     * Folders of extra blueprints (`stacks/*` and `layers/*`), read after the built-in ones;
     * a blueprint with the name of a built-in one replaces it.
     */
    blueprintDirectories?: string[];
  };
}
