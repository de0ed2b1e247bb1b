/**
 * The bench's X API: the emulator in its own process, rate limit off, so that its work is not counted
 * against any arm and no arm waits on the load generator's event loop.
 */
import { startEmulator } from '../../src/emulator/start-emulator.ts';
import { runChild } from './protocol.ts';

await runChild(async () => {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimit: 'off' });
  return { url: emulator.url, close: () => emulator.close() };
});
