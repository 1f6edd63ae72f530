/**
 * What ltijs 5.9.9 asks of the database (node_modules/ltijs/dist/Utils/Database.js): its schemas,
 * their unique and TTL indexes, and the five operations its Get/Insert/Replace/Modify/Delete use.
 * The schemas are reproduced here on a connection of their own; the last test drives ltijs's own
 * Database class.
 */
import { createRequire } from 'node:module';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, uriWithDatabase, useTarget } from './harness.js';

const target = useTarget('ltijs');
let connection: Connection;
let models: Record<LtijsModel, Model<Record<string, unknown>>>;

type LtijsModel =
  | 'idtoken'
  | 'contexttoken'
  | 'platform'
  | 'platformStatus'
  | 'privatekey'
  | 'publickey'
  | 'accesstoken'
  | 'nonce'
  | 'state';

/** ltijs declares its free-form fields as `JSON`, which mongoose reads as Mixed. */
const json = JSON as unknown as typeof Schema.Types.Mixed;

/** The schemas exactly as ltijs 5.9.9 declares them. */
function ltijsSchemas(): Record<LtijsModel, Schema> {
  const idToken = new Schema({
    iss: String,
    user: String,
    userInfo: json,
    platformInfo: json,
    clientId: String,
    platformId: String,
    deploymentId: String,
    createdAt: { type: Date, expires: 3600 * 24, default: Date.now },
  });
  idToken.index({ iss: 1, clientId: 1, deploymentId: 1, user: 1 });

  const contextToken = new Schema({
    contextId: String,
    user: String,
    roles: [String],
    path: String,
    targetLinkUri: String,
    context: json,
    resource: json,
    custom: json,
    launchPresentation: json,
    messageType: String,
    version: String,
    deepLinkingSettings: json,
    lis: json,
    endpoint: json,
    namesRoles: json,
    createdAt: { type: Date, expires: 3600 * 24, default: Date.now },
  });
  contextToken.index({ contextId: 1, user: 1 });

  const platform = new Schema({
    platformUrl: String,
    platformName: String,
    clientId: String,
    authEndpoint: String,
    accesstokenEndpoint: String,
    authorizationServer: String,
    kid: String,
    authConfig: { method: String, key: String },
  });
  platform.index({ platformUrl: 1 });
  platform.index({ kid: 1 }, { unique: true });
  platform.index({ platformUrl: 1, clientId: 1 }, { unique: true });

  const platformStatus = new Schema({ id: String, active: { type: Boolean, default: false } });
  platformStatus.index({ id: 1 }, { unique: true });

  const key = new Schema({
    kid: String,
    platformUrl: String,
    clientId: String,
    iv: String,
    data: String,
  });
  key.index({ kid: 1 }, { unique: true });

  const accessToken = new Schema({
    platformUrl: String,
    clientId: String,
    scopes: String,
    iv: String,
    data: String,
    createdAt: { type: Date, expires: 3600, default: Date.now },
  });
  accessToken.index({ platformUrl: 1, clientId: 1, scopes: 1 }, { unique: true });

  const nonce = new Schema({
    nonce: String,
    createdAt: { type: Date, expires: 10, default: Date.now },
  });
  nonce.index({ nonce: 1 });

  const state = new Schema({
    state: String,
    query: json,
    createdAt: { type: Date, expires: 600, default: Date.now },
  });
  state.index({ state: 1 }, { unique: true });

  return {
    idtoken: idToken,
    contexttoken: contextToken,
    platform,
    platformStatus,
    privatekey: key,
    publickey: key,
    accesstoken: accessToken,
    nonce,
    state,
  };
}

beforeAll(async () => {
  connection = await mongoose
    .createConnection(target.uri, {
      dbName: target.db.databaseName,
      serverSelectionTimeoutMS: 5000,
    })
    .asPromise();
  const schemas = ltijsSchemas();
  models = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, connection.model(name, schema)]),
  ) as unknown as typeof models;
  // What mongoose does for ltijs on connect (autoIndex): create every schema index.
  await Promise.all(Object.values(models).map((m) => m.init()));
});

afterAll(async () => {
  await connection?.close();
});

/** Index name -> the options that matter, for one model's collection. */
async function indexSummary(name: LtijsModel): Promise<Record<string, unknown>> {
  const indexes = await models[name].listIndexes();
  return Object.fromEntries(
    indexes.map((i) => [
      i.name,
      {
        key: i.key,
        ...(i.unique ? { unique: true } : {}),
        ...(i.expireAfterSeconds !== undefined ? { ttl: i.expireAfterSeconds } : {}),
      },
    ]),
  );
}

/** ltijs's Get: Model.find(query).select('-__v -_id'), as plain objects. */
async function ltijsGet(name: LtijsModel, query: Record<string, unknown> = {}) {
  const result = await models[name].find(query).select('-__v -_id');
  return result.map((doc) => doc.toObject());
}

describe('ltijs schemas and indexes', () => {
  it('creates the unique and TTL indexes ltijs declares', async () => {
    expect(await indexSummary('platform')).toEqual({
      _id_: { key: { _id: 1 } },
      platformUrl_1: { key: { platformUrl: 1 } },
      kid_1: { key: { kid: 1 }, unique: true },
      platformUrl_1_clientId_1: { key: { platformUrl: 1, clientId: 1 }, unique: true },
    });
    expect(await indexSummary('idtoken')).toEqual({
      _id_: { key: { _id: 1 } },
      createdAt_1: { key: { createdAt: 1 }, ttl: 86400 },
      iss_1_clientId_1_deploymentId_1_user_1: {
        key: { iss: 1, clientId: 1, deploymentId: 1, user: 1 },
      },
    });
    expect(await indexSummary('contexttoken')).toEqual({
      _id_: { key: { _id: 1 } },
      createdAt_1: { key: { createdAt: 1 }, ttl: 86400 },
      contextId_1_user_1: { key: { contextId: 1, user: 1 } },
    });
    expect(await indexSummary('accesstoken')).toEqual({
      _id_: { key: { _id: 1 } },
      createdAt_1: { key: { createdAt: 1 }, ttl: 3600 },
      platformUrl_1_clientId_1_scopes_1: {
        key: { platformUrl: 1, clientId: 1, scopes: 1 },
        unique: true,
      },
    });
    expect(await indexSummary('nonce')).toEqual({
      _id_: { key: { _id: 1 } },
      createdAt_1: { key: { createdAt: 1 }, ttl: 10 },
      nonce_1: { key: { nonce: 1 } },
    });
    expect(await indexSummary('state')).toEqual({
      _id_: { key: { _id: 1 } },
      createdAt_1: { key: { createdAt: 1 }, ttl: 600 },
      state_1: { key: { state: 1 }, unique: true },
    });
    for (const name of ['platformStatus', 'privatekey', 'publickey'] as const) {
      const unique = name === 'platformStatus' ? 'id_1' : 'kid_1';
      expect(Object.keys(await indexSummary(name)).sort()).toEqual(['_id_', unique]);
    }
  });

  it('building the indexes again is a no-op, and syncIndexes finds nothing to change', async () => {
    await Promise.all(Object.values(models).map((m) => m.createIndexes()));
    for (const model of Object.values(models)) {
      expect(await model.syncIndexes()).toEqual([]);
    }
    expect(Object.keys(await indexSummary('platform')).sort()).toEqual(
      ['_id_', 'kid_1', 'platformUrl_1', 'platformUrl_1_clientId_1'].sort(),
    );
  });
});

describe('ltijs operations', () => {
  const platformDoc = {
    platformName: 'Moodle',
    platformUrl: 'https://moodle.example.edu',
    clientId: 'client-1',
    authEndpoint: 'https://moodle.example.edu/mod/lti/auth.php',
    accesstokenEndpoint: 'https://moodle.example.edu/mod/lti/token.php',
    kid: 'kid-1',
    authConfig: { method: 'JWK_SET', key: 'https://moodle.example.edu/mod/lti/certs.php' },
  };

  it('Replace (replaceOne with upsert) registers a platform once and Get reads it without _id and __v', async () => {
    const Platform = models.platform;
    const query = { platformUrl: platformDoc.platformUrl, clientId: platformDoc.clientId };
    // mongoose writes its version key into the replacement it is given: hand it copies.
    await Platform.replaceOne(query, structuredClone(platformDoc), { upsert: true });
    await Platform.replaceOne(
      query,
      { ...structuredClone(platformDoc), platformName: 'Moodle 4' },
      { upsert: true },
    );
    expect(await Platform.countDocuments(query)).toBe(1);
    const found = await ltijsGet('platform', query);
    expect(found).toEqual([{ ...platformDoc, platformName: 'Moodle 4' }]);
  });

  it('Modify (updateOne with a plain object) sets the given fields only', async () => {
    const Platform = models.platform;
    const query = { platformUrl: 'https://canvas.example.edu', clientId: 'c' };
    await Platform.replaceOne(
      query,
      { ...structuredClone(platformDoc), ...query, kid: 'kid-canvas' },
      { upsert: true },
    );
    await Platform.updateOne(
      { kid: 'kid-canvas' },
      { platformName: 'Canvas', authConfig: { method: 'RSA_KEY', key: 'PEM' } },
    );
    const [found] = await ltijsGet('platform', { kid: 'kid-canvas' });
    expect(found).toMatchObject({
      platformName: 'Canvas',
      authConfig: { method: 'RSA_KEY', key: 'PEM' },
      clientId: 'c',
    });

    await models.platformStatus.replaceOne(
      { id: 'kid-canvas' },
      { id: 'kid-canvas' },
      { upsert: true },
    );
    await models.platformStatus.updateOne({ id: 'kid-canvas' }, { active: true });
    expect(await ltijsGet('platformStatus', { id: 'kid-canvas' })).toEqual([
      { id: 'kid-canvas', active: true },
    ]);
  });

  it('Insert (new Model(doc).save()) stores nonces with a creation date, and Get finds them', async () => {
    await new models.nonce({ nonce: 'n-1' }).save();
    const [found] = await ltijsGet('nonce', { nonce: 'n-1' });
    expect(found?.nonce).toBe('n-1');
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs((found!.createdAt as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await ltijsGet('nonce', { nonce: 'n-2' })).toEqual([]);
  });

  it('Insert of a second state with the same value fails with E11000', async () => {
    await new models.state({ state: 's-1', query: { iss: 'x', login_hint: '1' } }).save();
    const error = (await rejectionOf(
      new models.state({ state: 's-1', query: {} }).save(),
    )) as Error & {
      code?: number;
      keyValue?: unknown;
    };
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ state: 's-1' });
    const [found] = await ltijsGet('state', { state: 's-1' });
    expect(found?.query).toEqual({ iss: 'x', login_hint: '1' });
  });

  it('Replace stores id and context tokens with their free-form JSON fields', async () => {
    const idQuery = {
      iss: 'https://moodle.example.edu',
      clientId: 'client-1',
      deploymentId: '1',
      user: 'u-7',
    };
    const idToken = {
      ...idQuery,
      userInfo: { given_name: 'Ada', email: 'ada@example.edu' },
      platformInfo: { guid: 'g', product_family_code: 'moodle' },
      platformId: 'kid-1',
    };
    await models.idtoken.replaceOne(idQuery, idToken, { upsert: true });
    await models.idtoken.replaceOne(
      idQuery,
      { ...idToken, userInfo: { given_name: 'Ada L.' } },
      { upsert: true },
    );
    const tokens = await ltijsGet('idtoken', idQuery);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      ...idQuery,
      userInfo: { given_name: 'Ada L.' },
      platformId: 'kid-1',
    });

    const contextQuery = { contextId: 'ctx-1', user: 'u-7' };
    await models.contexttoken.replaceOne(
      contextQuery,
      {
        ...contextQuery,
        roles: ['Learner'],
        context: { id: 'c', title: 'SDOH 101' },
        custom: { module: 'housing' },
      },
      { upsert: true },
    );
    const [context] = await ltijsGet('contexttoken', contextQuery);
    expect(context).toMatchObject({
      roles: ['Learner'],
      context: { id: 'c', title: 'SDOH 101' },
      custom: { module: 'housing' },
    });
    await models.contexttoken.updateOne(contextQuery, { path: '/cases/housing' });
    expect((await ltijsGet('contexttoken', contextQuery))[0]?.path).toBe('/cases/housing');
  });

  it('a unique key pair cannot be registered twice for one kid', async () => {
    const Key = models.publickey;
    await Key.replaceOne(
      { platformUrl: 'p', clientId: 'c' },
      { kid: 'k-1', platformUrl: 'p', clientId: 'c', iv: 'i', data: 'd' },
      { upsert: true },
    );
    const error = (await rejectionOf(
      Key.replaceOne(
        { platformUrl: 'q', clientId: 'c' },
        { kid: 'k-1', platformUrl: 'q', clientId: 'c' },
        { upsert: true },
      ),
    )) as Error & { code?: number };
    expect(error.code).toBe(11000);
    expect(await Key.countDocuments({ kid: 'k-1' })).toBe(1);
  });

  it('Delete (deleteMany) removes every match', async () => {
    await models.accesstoken.insertMany([
      { platformUrl: 'p', clientId: 'c', scopes: 'a', data: '1' },
      { platformUrl: 'p', clientId: 'c', scopes: 'b', data: '2' },
      { platformUrl: 'p', clientId: 'd', scopes: 'a', data: '3' },
    ]);
    const result = await models.accesstoken.deleteMany({ platformUrl: 'p', clientId: 'c' });
    expect(result.deletedCount).toBe(2);
    expect((await ltijsGet('accesstoken', { platformUrl: 'p' })).map((t) => t.data)).toEqual(['3']);
  });
});

interface LtijsDatabase {
  setup(): Promise<boolean>;
  Close(): Promise<boolean>;
  Get(
    key: string | false,
    collection: string,
    query?: object,
  ): Promise<Array<Record<string, unknown>> | false>;
  Insert(key: string | false, collection: string, item: object, index?: object): Promise<boolean>;
  Replace(
    key: string | false,
    collection: string,
    query: object,
    item: object,
    index?: object,
  ): Promise<boolean>;
  Modify(
    key: string | false,
    collection: string,
    query: object,
    modification: object,
  ): Promise<boolean>;
  Delete(collection: string, query: object): Promise<boolean>;
}

describe("ltijs's own Database class", () => {
  it('stores, reads, modifies and deletes plain and encrypted records', async () => {
    const require = createRequire(import.meta.url);
    const Database = require('ltijs/dist/Utils/Database.js') as new (config: {
      url: string;
    }) => LtijsDatabase;
    const dbName = `${target.db.databaseName}_ltijs`;
    const database = new Database({ url: uriWithDatabase(target.uri, dbName) });
    await database.setup();
    try {
      const secret = 'conformance-secret';
      await database.Replace(
        false,
        'platform',
        { platformUrl: 'https://lms', clientId: 'c1' },
        {
          platformName: 'LMS',
          platformUrl: 'https://lms',
          clientId: 'c1',
          kid: 'kid-x',
          authConfig: { method: 'JWK_SET', key: 'https://lms/keys' },
        },
      );
      const [platform] = (await database.Get(false, 'platform', { clientId: 'c1' })) || [];
      expect(platform?.platformName).toBe('LMS');
      expect(platform?._id).toBeUndefined();

      await database.Replace(
        secret,
        'publickey',
        { platformUrl: 'https://lms', clientId: 'c1' },
        { key: 'PUBLIC', kid: 'kid-x' },
        {
          kid: 'kid-x',
          platformUrl: 'https://lms',
          clientId: 'c1',
        },
      );
      const stored = await mongoose.connection
        .db!.collection('publickeys')
        .findOne({ kid: 'kid-x' });
      expect(stored?.data).toMatch(/^[0-9a-f]+$/);
      expect(stored?.key).toBeUndefined();
      expect(await database.Get(secret, 'publickey', { kid: 'kid-x' })).toEqual([
        { key: 'PUBLIC', kid: 'kid-x' },
      ]);

      await database.Modify(false, 'platform', { kid: 'kid-x' }, { platformName: 'LMS 2' });
      expect(
        ((await database.Get(false, 'platform', { kid: 'kid-x' })) || [])[0]?.platformName,
      ).toBe('LMS 2');

      await database.Insert(false, 'nonce', { nonce: 'abc' });
      expect(await database.Get(false, 'nonce', { nonce: 'abc' })).not.toBe(false);

      await database.Delete('platform', { kid: 'kid-x' });
      expect(await database.Get(false, 'platform', { kid: 'kid-x' })).toBe(false);
    } finally {
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await database.Close();
    }
  });
});
