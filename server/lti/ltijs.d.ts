/**
 * Typed declarations for the parts of ltijs 5.9.9 Upstream uses (@types/ltijs is years out of date).
 * ltijs is CommonJS: import it as `import { Provider } from 'ltijs'`.
 */
declare module 'ltijs' {
  import type { Express } from 'express-serve-static-core';

  export interface LtijsAuthConfig {
    method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY';
    key: string;
  }

  export interface LtijsPlatformInput {
    url: string;
    clientId: string;
    name: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: LtijsAuthConfig;
  }

  /** A registered platform; every getter is async and reads the database. */
  export interface LtijsPlatform {
    platformUrl(): Promise<string>;
    platformClientId(): Promise<string>;
    platformName(): Promise<string>;
    platformKid(): Promise<string>;
    platformActive(active?: boolean): Promise<boolean>;
    platformAuthConfig(): Promise<LtijsAuthConfig>;
    platformAuthenticationEndpoint(): Promise<string>;
    platformAccessTokenEndpoint(): Promise<string>;
    platformAuthorizationServer(): Promise<string>;
    platformPublicKey(): Promise<string>;
    platformPrivateKey(): Promise<string>;
    delete(): Promise<true>;
  }

  /** The subset of ltijs's id token object its services read. */
  export interface LtijsIdToken {
    iss: string;
    clientId: string;
    deploymentId: string;
    platformContext: {
      deepLinkingSettings?: {
        data?: string;
        accept_types: string[];
        accept_multiple?: boolean | string;
      };
      endpoint?: { scope?: string[]; lineitems?: string; lineitem?: string };
      namesRoles?: { context_memberships_url: string };
    };
  }

  /** ltijs's storage layer; an encryption key of false reads and writes in the clear. */
  export interface LtijsDatabase {
    Get(
      encryptionKey: string | false,
      collection: string,
      query?: Record<string, unknown>,
    ): Promise<Array<Record<string, unknown>> | false>;
    Replace(
      encryptionKey: string | false,
      collection: string,
      query: Record<string, unknown>,
      item: Record<string, unknown>,
      index?: Record<string, unknown>,
    ): Promise<true>;
  }

  export interface LtijsProvider {
    setup(
      encryptionKey: string,
      database: { url: string; connection?: Record<string, unknown> },
      options?: Record<string, unknown>,
    ): LtijsProvider;
    deploy(options: { serverless: true; silent?: boolean }): Promise<true>;
    /** ltijs's own express 4 app. Upstream never mounts it (see keyset.ts); the benchmark's bare tool does. */
    app: Express;
    Database: LtijsDatabase;
    registerPlatform(platform: LtijsPlatformInput): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    deletePlatform(url: string, clientId: string): Promise<true>;
    DeepLinking: {
      createDeepLinkingMessage(
        idtoken: LtijsIdToken,
        contentItems: Record<string, unknown>[],
        options?: { message?: string; log?: string },
      ): Promise<string>;
    };
  }

  export const Provider: LtijsProvider;
}
