export interface Config {
  microserviceScaffolder?: {
    /**
     * Folders of extra blueprints (`stacks/*` and `layers/*`), read after the built-in ones;
     * a blueprint with the name of a built-in one replaces it.
     */
    blueprintDirectories?: string[];
    /**
     * What a request gets when it does not choose; each must be installed (checked at startup).
     * Your template's form defaults should say the same.
     */
    defaults?: {
      /** e.g. python-fastapi */
      stack?: string;
      /** e.g. github-actions, gitlab-ci, jenkins, none, or a layer's option value */
      ci?: string;
      /** e.g. kubernetes, helm, none, or a layer's option value */
      deployment?: string;
    };
  };
}
