/**
 * The tenant key: which LMS registration a record belongs to. Canvas uses one issuer for every
 * institution, so the issuer alone is not enough: (issuer, clientId, deploymentId) is.
 */
import { Schema } from 'mongoose';

export interface Tenant {
  issuer: string;
  clientId: string;
  deploymentId: string;
}

/** Embedded schema for the tenant key; every tenant-scoped model has it as `tenant`. */
export const tenantSchema = new Schema<Tenant>(
  {
    issuer: { type: String, required: true },
    clientId: { type: String, required: true },
    deploymentId: { type: String, required: true },
  },
  { _id: false },
);
