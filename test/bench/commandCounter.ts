/**
 * Loaded into a server process with `--import` (the bench's database-commands scenario only): counts
 * the commands the MongoDB driver starts, by name, from its command monitoring ('commandStarted',
 * which the process's MONGODB_URI turns on with monitorCommands=true). mongoose, ltijs and Upstream
 * share one connection, so this is every command the process sends. The counts are served on
 * 127.0.0.1:COMMAND_COUNTER_PORT: GET returns them and clears them.
 */
import http from 'node:http';
import mongoose from 'mongoose';

const counts = new Map<string, number>();
const watched = new WeakSet<object>();

// 'connected' comes again after a reconnect, with the same client: count its commands once.
mongoose.connection.on('connected', () => {
  const client = mongoose.connection.getClient();
  if (watched.has(client)) return;
  watched.add(client);
  client.on('commandStarted', (event) => {
    counts.set(event.commandName, (counts.get(event.commandName) ?? 0) + 1);
  });
});

const server = http.createServer((_req, res) => {
  const body = JSON.stringify(Object.fromEntries(counts));
  counts.clear();
  res.setHeader('Content-Type', 'application/json');
  res.end(body);
});
server.listen(Number(process.env.COMMAND_COUNTER_PORT), '127.0.0.1');
// The counter must not keep a server that is shutting down alive.
server.unref();
