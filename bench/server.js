// One server under test, in a process of its own (so the load generator and the bare pool in the
// parent never share its event loop). Started by bench/lib/servers.js with fork():
//   node bench/server.js app|minimal|memory
// It reports {type: 'ready', url} and answers {type: 'sql-count' | 'redis-count' | 'sql-log' |
// 'loop-delay' | 'prime' | 'close'}.
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';

const kind = process.argv[2];
let statements = 0;
let redisCommands = 0;
/** The latest statements' text, to check that the bare baseline sends the app's SQL. */
const recent = [];

async function start() {
  if (kind === 'app') {
    // Every statement any pg client of the app sends, counted where TypeORM's driver sends it.
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function countedQuery(...args) {
      statements++;
      recent.push(typeof args[0] === 'string' ? args[0] : args[0]?.text);
      if (recent.length > 100) recent.shift();
      return query.apply(this, args);
    };
    // Every command any ioredis client of the app sends (rate limits, queues, tally requests),
    // pipelined ones one by one, counted where ioredis sends it.
    const { Redis } = await import('ioredis');
    const sendCommand = Redis.prototype.sendCommand;
    Redis.prototype.sendCommand = function countedCommand(...args) {
      redisCommands++;
      return sendCommand.apply(this, args);
    };
    const { createApp } = await import('../dist/src/app.factory.js');
    const { AppConfig } = await import('../dist/src/config/app-config.js');
    const app = await createApp(AppConfig.fromEnv(process.env));
    return app;
  }
  const { NestFactory } = await import('@nestjs/core');
  const { MinimalAppModule, MemoryCampaignAppModule } = await import('./minimal-app.js');
  const module = kind === 'minimal' ? MinimalAppModule : MemoryCampaignAppModule;
  return NestFactory.create(module, { logger: false });
}

const app = await start();
// How long callbacks wait for the event loop: time a request's next step spends queued.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();

let closing = null;
function close() {
  closing ??= app
    .close()
    .catch((error) => console.error(`[${kind}] close failed:`, error))
    .finally(() => process.exit(0));
  return closing;
}

process.on('message', async (message) => {
  if (message.type === 'sql-count') process.send({ type: 'sql-count', count: statements });
  if (message.type === 'redis-count') process.send({ type: 'redis-count', count: redisCommands });
  if (message.type === 'loop-delay') {
    // The histogram holds whole timer periods: the delay is what exceeds the 10 ms period.
    const ms = (ns) => Math.max(0, ns / 1e6 - 10);
    process.send({
      type: 'loop-delay',
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
    });
    loopDelay.reset();
  }
  if (message.type === 'sql-log') process.send({ type: 'sql-log', texts: recent });
  if (message.type === 'prime') {
    const { primeCampaign } = await import('./minimal-app.js');
    primeCampaign(message.campaign);
    process.send({ type: 'primed' });
  }
  if (message.type === 'close') await close();
});
// The parent went away: do not outlive it.
process.on('disconnect', () => void close());
process.send({ type: 'ready', url: `http://127.0.0.1:${port}` });
