// The worker under test of the fan-out phase, in a process of its own. Started by
// bench/lib/servers.js with fork(): `node bench/worker.js`. It runs what `node dist/src/worker.js`
// runs, createWorker(config) from dist/ (every processor, the outbox relay, the reconciler),
// minus the migration (the bench migrated its database). It reports {type: 'ready'} and answers
// {type: 'close'}, which closes it as SIGTERM would.
import 'reflect-metadata';
import { AppConfig } from '../dist/src/config/app-config.js';
import { createWorker } from '../dist/src/worker.factory.js';

const worker = await createWorker(AppConfig.fromEnv(process.env));

let closing = null;
function close() {
  closing ??= worker
    .close()
    .catch((error) => console.error('[worker] close failed:', error))
    .finally(() => process.exit(0));
  return closing;
}

process.on('message', async (message) => {
  if (message.type === 'close') await close();
});
// The parent went away: do not outlive it.
process.on('disconnect', () => void close());
process.send({ type: 'ready' });
