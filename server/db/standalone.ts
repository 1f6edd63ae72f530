/**
 * `npm run db -- --port N`: the embedded stand-in on its own, so several Upstream processes or a
 * benchmark can share one database through MONGODB_URI=mongodb://127.0.0.1:N/.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startStandin } from './standin/index.js';

const program = new Command('db')
  .description('Run the embedded MongoDB stand-in alone (in memory; data is lost when it stops)')
  .option(
    '--port <port>',
    'port on 127.0.0.1 (0 picks a free one)',
    (value) => {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InvalidArgumentError('must be a whole number between 0 and 65535');
      }
      return port;
    },
    27017,
  )
  .parse();

const standin = await startStandin({ port: program.opts<{ port: number }>().port });
console.log(`Embedded MongoDB stand-in listening: MONGODB_URI=${standin.uri}`);
console.log('In memory only: data is lost when this process stops. Press Ctrl+C to stop.');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void standin.stop().then(() => process.exit(0)));
}
