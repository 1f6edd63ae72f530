/**
 * A registered LMS, keyed by (issuer, clientId): the source of truth for its endpoints, whether it
 * is active, its deployments and the origins allowed to frame Upstream. ltijs keeps a record of its
 * own (endpoints, active flag, and the tool's key pair, which only ltijs holds); server/lti/platforms.ts
 * derives it from this one, and start-up checks that the two agree (server/lti/provider.ts).
 */
import { model, Schema, type InferSchemaType } from 'mongoose';

const platformRegistrationSchema = new Schema(
  {
    issuer: { type: String, required: true },
    clientId: { type: String, required: true },
    name: { type: String, required: true },
    /**
     * The platform's OIDC login, token and keyset URLs, and whether launches are let in. Records made
     * before these were kept here lack them until start-up copies them from ltijs's record once.
     */
    authUrl: { type: String },
    tokenUrl: { type: String },
    jwksUrl: { type: String },
    active: { type: Boolean },
    /** Deployment ids launches may carry (Moodle: the tool type id; Canvas: "<n>:<hash>"). */
    deploymentIds: { type: [String], default: [] },
    /** Origins that may frame Upstream (the LMS pages), for the CSP frame-ancestors directive. */
    frameOrigins: { type: [String], default: [] },
    /**
     * Further origins whose URLs Upstream may call for this platform's services, set by an
     * administrator (e.g. an LMS whose grade services live on another host than its pages).
     */
    serviceOrigins: { type: [String], default: [] },
    /** How it was registered: dynamic, cli, config, emulator. */
    source: { type: String, required: true },
    /** Product family from the platform (moodle, canvas, ...), when known. */
    product: { type: String },
  },
  { timestamps: true },
);

// Serves every lookup of a platform: login, launch, CLI. One record per registration.
platformRegistrationSchema.index({ issuer: 1, clientId: 1 }, { unique: true });

export type PlatformRegistrationRecord = InferSchemaType<typeof platformRegistrationSchema>;
export const PlatformRegistration = model('PlatformRegistration', platformRegistrationSchema);
