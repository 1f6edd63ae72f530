/**
 * Who someone is in a course, as their launches said it: name, the identifiers a spreadsheet needs
 * (LMS username, email, SIS id), and whether they ever launched with a teaching role. Launch records
 * expire within hours; this record stays, so the class list can leave staff out and the export can
 * name students weeks later. One record per person and course, updated by each launch.
 */
import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { tenantSchema } from './tenant.js';

const coursePersonSchema = new Schema(
  {
    tenant: { type: tenantSchema, required: true },
    contextId: { type: String, required: true },
    /** The platform's user id (sub). */
    userId: { type: String, required: true },
    name: { type: String },
    email: { type: String },
    /** The LMS login name (Moodle's ext user_username, or a custom parameter). */
    username: { type: String },
    /** The student information system id (lis person_sourcedid, or a custom parameter). */
    sisId: { type: String },
    /** Launched at least once with a teaching role in this course: never counted as a student. */
    staff: { type: Boolean, required: true, default: false },
  },
  { timestamps: true },
);

// One record per person and course of a tenant; every launch updates it.
coursePersonSchema.index(
  {
    'tenant.issuer': 1,
    'tenant.clientId': 1,
    'tenant.deploymentId': 1,
    contextId: 1,
    userId: 1,
  },
  { unique: true },
);

export type CoursePersonRecord = InferSchemaType<typeof coursePersonSchema> & {
  _id: Types.ObjectId;
};
export const CoursePerson = model('CoursePerson', coursePersonSchema);
