/** Mongoose 8 on the target, through its own connection to the suite's database. */
import mongoose, { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshName, rejectionOf, useTarget } from './harness.js';

const target = useTarget('mongoose');
let connection: Connection;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(target.uri, {
      dbName: target.db.databaseName,
      serverSelectionTimeoutMS: 5000,
      autoIndex: false,
    })
    .asPromise();
});

afterAll(async () => {
  await connection?.close();
});

/** A model over a collection no other test uses. */
function model<TSchema extends Schema>(schema: TSchema, prefix = 'model') {
  const name = freshName(prefix);
  return connection.model(name, schema, name);
}

describe('mongoose models', () => {
  it('validation errors stop the save before anything is written', async () => {
    const User = model(
      new Schema({
        name: { type: String, required: true },
        age: { type: Number, min: 0 },
        role: { type: String, enum: ['student', 'teacher'] },
      }),
    );
    const error = await rejectionOf(new User({ age: -1, role: 'janitor' }).save());
    expect(error).toBeInstanceOf(mongoose.Error.ValidationError);
    const errors = (error as mongoose.Error.ValidationError).errors;
    expect(Object.keys(errors).sort()).toEqual(['age', 'name', 'role']);
    expect(errors.name?.kind).toBe('required');
    expect(errors.age?.kind).toBe('min');
    expect(errors.role?.kind).toBe('enum');
    expect(await User.countDocuments()).toBe(0);
  });

  it('a unique schema index surfaces duplicates as code 11000 with keyValue', async () => {
    const Account = model(new Schema({ email: { type: String, unique: true }, name: String }));
    await Account.init();
    await Account.syncIndexes();
    const indexes = await Account.listIndexes();
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({
      key: { email: 1 },
      unique: true,
    });
    await Account.create({ email: 'ada@example.org', name: 'Ada' });
    const error = (await rejectionOf(
      Account.create({ email: 'ada@example.org', name: 'Imposter' }),
    )) as Error & {
      code?: number;
      keyValue?: unknown;
      keyPattern?: unknown;
    };
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ email: 'ada@example.org' });
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(await Account.countDocuments()).toBe(1);
  });

  it('populate follows references into a second model', async () => {
    const authorName = freshName('author');
    const Author = connection.model(authorName, new Schema({ name: String }), authorName);
    const Post = model(
      new Schema({
        title: String,
        author: { type: Schema.Types.ObjectId, ref: authorName },
        editors: [{ type: Schema.Types.ObjectId, ref: authorName }],
      }),
    );
    const [ada, grace] = await Author.create([{ name: 'Ada' }, { name: 'Grace' }]);
    await Post.create({ title: 'Notes', author: ada!._id, editors: [grace!._id, ada!._id] });
    const post = await Post.findOne({ title: 'Notes' }).populate<{
      author: { name: string };
      editors: Array<{ name: string }>;
    }>(['author', 'editors']);
    expect(post?.author.name).toBe('Ada');
    expect(post?.editors.map((e) => e.name)).toEqual(['Grace', 'Ada']);
  });

  it('findOneAndUpdate with upsert inserts with defaults and returns the new document', async () => {
    const Setting = model(
      new Schema({ key: String, value: Number, enabled: { type: Boolean, default: true } }),
    );
    const created = await Setting.findOneAndUpdate(
      { key: 'volume' },
      { $set: { value: 3 } },
      { upsert: true, new: true },
    );
    expect(created?.key).toBe('volume');
    expect(created?.value).toBe(3);
    expect(created?.enabled).toBe(true);
    const updated = await Setting.findOneAndUpdate(
      { key: 'volume' },
      { $inc: { value: 2 } },
      { new: true },
    );
    expect(updated?.value).toBe(5);
    expect(updated?._id.equals(created!._id)).toBe(true);
    expect(await Setting.countDocuments()).toBe(1);
  });

  it('lean() returns plain objects, and countDocuments counts by filter', async () => {
    const Item = model(new Schema({ name: String, qty: Number }));
    await Item.insertMany([
      { name: 'a', qty: 1 },
      { name: 'b', qty: 5 },
      { name: 'c', qty: 9 },
    ]);
    const lean = await Item.find({ qty: { $gt: 2 } })
      .sort({ qty: -1 })
      .lean();
    expect(lean.map((d) => d.name)).toEqual(['c', 'b']);
    expect(lean[0]).not.toBeInstanceOf(mongoose.Document);
    expect(lean[0]!._id).toBeInstanceOf(mongoose.Types.ObjectId);
    expect(Object.getPrototypeOf(lean[0])).toBe(Object.prototype);
    expect(await Item.countDocuments({ qty: { $lt: 6 } })).toBe(2);
    expect(await Item.exists({ name: 'b' })).not.toBeNull();
    expect(await Item.exists({ name: 'zzz' })).toBeNull();
  });

  it('a Mixed field stores arbitrary shapes, saved again after markModified', async () => {
    const Blob = model(new Schema({ label: String, data: Schema.Types.Mixed }));
    const doc = await Blob.create({
      label: 'x',
      data: { nested: { list: [1, 'two', { three: 3 }] }, flag: true },
    });
    const loaded = await Blob.findById(doc._id);
    expect(loaded?.data).toEqual({ nested: { list: [1, 'two', { three: 3 }] }, flag: true });
    (loaded!.data as { flag: boolean }).flag = false;
    loaded!.markModified('data');
    await loaded!.save();
    expect((await Blob.findById(doc._id).lean())?.data).toEqual({
      nested: { list: [1, 'two', { three: 3 }] },
      flag: false,
    });
  });

  it('timestamps set createdAt and updatedAt, and an update moves only updatedAt', async () => {
    const Note = model(new Schema({ text: String }, { timestamps: true }));
    const note = await Note.create({ text: 'first' });
    const createdAt = note.get('createdAt') as Date;
    const updatedAt = note.get('updatedAt') as Date;
    expect(createdAt).toBeInstanceOf(Date);
    expect(updatedAt.getTime()).toBe(createdAt.getTime());
    // A second later by the clock mongoose reads, without waiting for one.
    vi.useFakeTimers({ toFake: ['Date'], now: createdAt.getTime() + 1000 });
    try {
      await Note.updateOne({ _id: note._id }, { $set: { text: 'second' } });
    } finally {
      vi.useRealTimers();
    }
    const stored = await Note.findById(note._id).lean<{
      text: string;
      createdAt: Date;
      updatedAt: Date;
    }>();
    expect(stored?.text).toBe('second');
    expect(stored?.createdAt.getTime()).toBe(createdAt.getTime());
    expect(stored!.updatedAt.getTime()).toBeGreaterThan(updatedAt.getTime());
  });

  it('document arrays are pushed and pulled through save, with the version key', async () => {
    const Course = model(
      new Schema({ title: String, modules: [{ name: String, minutes: Number }] }),
    );
    const course = await Course.create({
      title: 'SDOH',
      modules: [{ name: 'Housing', minutes: 20 }],
    });
    course.modules.push({ name: 'Food', minutes: 15 });
    await course.save();
    const loaded = await Course.findById(course._id);
    expect(loaded?.modules.map((m) => m.name)).toEqual(['Housing', 'Food']);
    expect(loaded?.get('__v')).toBe(1);
    loaded!.modules.pull(loaded!.modules[0]!._id);
    await loaded!.save();
    expect((await Course.findById(course._id).lean())?.modules.map((m) => m.name)).toEqual([
      'Food',
    ]);
  });

  it('a stale document fails to save a positional array change with VersionError', async () => {
    const List = model(new Schema({ items: [String] }));
    const created = await List.create({ items: ['a', 'b'] });
    const first = await List.findById(created._id);
    const second = await List.findById(created._id);
    // Removing an element moves the others: mongoose bumps the version key...
    (first!.items as unknown as mongoose.Types.Array<string>).pull('a');
    await first!.save();
    // ...so a write by position from a copy read before must not land on the wrong element.
    (second!.items as unknown as mongoose.Types.Array<string>).set(1, 'B');
    const error = await rejectionOf(second!.save());
    expect(error).toBeInstanceOf(mongoose.Error.VersionError);
    const stored = await List.findById(created._id).lean();
    expect(stored?.items).toEqual(['b']);
    expect(stored?.__v).toBe(1);
  });

  it('deleteMany, deleteOne and distinct work through the model', async () => {
    const Tag = model(new Schema({ name: String, group: String }));
    await Tag.insertMany([
      { name: 'a', group: 'x' },
      { name: 'b', group: 'x' },
      { name: 'c', group: 'y' },
      { name: 'd', group: 'z' },
    ]);
    expect((await Tag.distinct('group')).sort()).toEqual(['x', 'y', 'z']);
    expect((await Tag.deleteMany({ group: 'x' })).deletedCount).toBe(2);
    expect((await Tag.deleteOne({ name: 'c' })).deletedCount).toBe(1);
    expect((await Tag.find().lean()).map((t) => t.name)).toEqual(['d']);
  });
});
