/**
 * Typed declarations for the parts of ltijs 5.9.9 Upstream uses (@types/ltijs is years out of date).
 * ltijs is CommonJS: import it as `import { Provider } from 'ltijs'`.
 */
declare module 'ltijs' {
  /** The ltijs provider: a process-wide singleton configured once by `setup`. */
  export interface LtiProvider {
    setup(encryptionKey: string, database: { url: string; connection?: Record<string, unknown> }, options?: Record<string, unknown>): LtiProvider;
  }
  export const Provider: LtiProvider;
}
