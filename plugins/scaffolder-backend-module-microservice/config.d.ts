export interface Config {
  microserviceScaffolder?: {
    /**
     * Folders of extra blueprints (`stacks/*` and `layers/*`), read after the built-in ones;
     * a blueprint with the name of a built-in one replaces it.
     */
    blueprintDirectories?: string[];
    /**
     * The registry host images are pushed to and deployed from, e.g. registry.acme.io:5000
     * (default ghcr.io). CI logs in with the repository's REGISTRY_USERNAME/REGISTRY_PASSWORD
     * secrets, or with GitHub's own token for ghcr.io.
     */
    imageRegistry?: string;
    /**
     * What a request gets when it does not choose: `stack`, and any option the installed layers
     * implement (`ci`, `deployment`, or a platform layer's own). Each must be installed (checked
     * at startup); the portal's form shows them as its defaults.
     */
    defaults?: {
      /** e.g. python-fastapi */
      stack?: string;
      /** e.g. github-actions, gitlab-ci, jenkins, none, or a layer's option value */
      ci?: string;
      /** e.g. kubernetes, helm, none, or a layer's option value */
      deployment?: string;
      /** any other option a platform layer implements */
      [option: string]: string | undefined;
    };
  };
}
