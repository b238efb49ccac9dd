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
    /**
     * The registry host images are pushed to and deployed from, e.g. registry.acme.io:5000
     * (default ghcr.io). CI logs in with the repository's REGISTRY_USERNAME/REGISTRY_PASSWORD
     * secrets, or with GitHub's own token for ghcr.io.
     */
    imageRegistry?: string;
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
