/** One file of the generated service, before it is written. */
export interface RenderedFile {
  /** POSIX path relative to the service root. */
  path: string;
  content: Buffer;
  executable: boolean;
  /** The blueprint and source file it came from, for error messages and duplicate detection. */
  origin: string;
}
