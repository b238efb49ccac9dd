/**
 * The scanners every CI layer runs, at one version each (GitHub Actions, GitLab CI and Jenkins
 * read them from `spec.securityScanners`): dependencies and images (Trivy), code (Semgrep), and
 * GitHub workflows (zizmor). Semgrep and zizmor come from PyPI, Trivy as its image.
 */
export interface SecurityScanners {
  trivyImage: string;
  semgrep: string;
  zizmor: string;
}

export const SECURITY_SCANNERS: SecurityScanners = {
  trivyImage: 'aquasec/trivy:0.70.0',
  semgrep: '1.185.0',
  zizmor: '1.32.0',
};
