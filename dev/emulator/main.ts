// Runs the provider emulator as its own process: `node --import tsx dev/emulator/main.ts [--port N] [--volume V] [--seed S] [--churn]`.
import { startEmulator } from './app.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};

const emu = await startEmulator({ port: arg('port', 4010), volume: arg('volume', 1), seed: arg('seed', 42), churn: process.argv.includes('--churn') });
console.log(`emulator listening on ${emu.url}`);
const stop = () => void emu.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
