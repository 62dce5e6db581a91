import { createInProcessUseLite } from '../src/embedding/index.js';
const e = await createInProcessUseLite();
console.log(process.listenerCount('unhandledRejection'), process.listenerCount('uncaughtException'));
await e.close();
