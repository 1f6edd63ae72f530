/** The embedded MongoDB stand-in: see DESIGN.md. Not a production database. */
export { startStandin, type Standin, type StandinOptions } from './server.js';
export { SUPPORTED_COMMANDS } from './commands/index.js';
